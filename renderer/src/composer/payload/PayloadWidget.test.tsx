import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAvroJsonText, type RuntimeObject } from '../../../../shared/avro/avro-json.js';
import { readProtocolJson } from '../../../../shared/avro/schema-reader.js';
import { requestSchema } from '../../../../shared/avro/model.js';
import { StudioContext } from '../../app/studio.js';
import { ComposerMain } from '../ComposerView.js';
import { createFixture, EXECUTE, EXECUTE_PROTOCOL } from '../test-fixture.js';
import { decodePayload } from './payload-value.js';

afterEach(cleanup);

const execute = requestSchema(readProtocolJson(EXECUTE_PROTOCOL, { file: 'execute' }).messages[0]);
const EMPTY = '{"request": {"module": "demo/echo", "value": {"spl.common.Payload": {"schema": {"name": null, "fingerprint": null, "json": null}, "value": ""}}}}';

/** The Payload in a request body, decoded. */
function payloadOf(body: string) {
  const request = (parseAvroJsonText(execute, body) as RuntimeObject).request as RuntimeObject;
  return decodePayload((request.value as RuntimeObject)['spl.common.Payload']);
}

describe('the payload widget', () => {
  it('edits a typed value with the module input schema, stores it as Avro binary with its SchemaRef, and shows it again from the bytes', async () => {
    const fixture = createFixture();
    const { studio } = fixture;
    await studio.composer.getState().open(EXECUTE);
    studio.composer.getState().setBody(EMPTY);
    render(
      <StudioContext.Provider value={studio}>
        <ComposerMain />
      </StudioContext.Provider>,
    );
    // The request names demo/echo: its input schema is offered first.
    const picker = (await screen.findByRole('combobox', { name: /^Schema of / })) as HTMLSelectElement;
    await waitFor(() => expect(picker.value).toBe('demo/echo#input'));
    fireEvent.click(screen.getByRole('button', { name: 'Edit as demo/echo · input (demo.EchoInput)' }));
    expect(payloadOf(studio.composer.getState().body)).toMatchObject({ status: 'decoded', label: 'demo.EchoInput', value: { text: '', big: 0 } });

    // The nested form edits the typed value; longs beyond 2^53 stay exact through the bytes.
    const big = await screen.findByRole('textbox', { name: /big$/ });
    fireEvent.change(big, { target: { value: '9223372036854775807' } });
    fireEvent.change(screen.getByRole('textbox', { name: /text$/ }), { target: { value: 'hello' } });
    const decoded = payloadOf(studio.composer.getState().body);
    expect(decoded).toMatchObject({ status: 'decoded', value: { text: 'hello', big: 2n ** 63n - 1n } });

    // Sent as it is: the host gets the bytes and the complete SchemaRef.
    await act(async () => {
      await studio.composer.getState().send();
    });
    const sent = payloadOf(fixture.calls[0].body);
    expect(sent).toMatchObject({ status: 'decoded', label: 'demo.EchoInput', value: { text: 'hello', big: 2n ** 63n - 1n } });

    // Loaded again (as from the history), the widget shows the typed value from the bytes.
    cleanup();
    const body = studio.composer.getState().body;
    studio.composer.getState().setBody('{}');
    studio.composer.getState().setBody(body);
    render(
      <StudioContext.Provider value={studio}>
        <ComposerMain />
      </StudioContext.Provider>,
    );
    expect(((await screen.findByRole('textbox', { name: /big$/ })) as HTMLInputElement).value).toBe('9223372036854775807');
    expect((screen.getByRole('combobox', { name: /^Schema of / }) as HTMLSelectElement).value).toBe('demo/echo#input');
  });
});
