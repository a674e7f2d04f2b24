import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StudioContext, type Studio } from '../app/studio.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { Notifications } from '../components/Notifications.js';
import { ComposerMain, ComposerSidebar } from './ComposerView.js';
import { toAvroJson } from '../../../shared/avro/avro-json.js';
import { toJsonText } from '../../../shared/avro/json-text.js';
import { readProtocolJson } from '../../../shared/avro/schema-reader.js';
import { encodePayload, readPayloadSchema } from './payload/payload-value.js';
import { answered, createFixture, ECHO_INPUT, EXECUTE, EXECUTE_PROTOCOL, PUT, untilCancelled, type Fixture } from './test-fixture.js';

afterEach(cleanup);

let clipboard: string[];
beforeEach(() => {
  clipboard = [];
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: vi.fn(async (text: string) => void clipboard.push(text)) } });
});

function show(studio: Studio) {
  render(
    <StudioContext.Provider value={studio}>
      <ComposerSidebar />
      <ComposerMain />
      <ConfirmDialog />
      <Notifications />
    </StudioContext.Provider>,
  );
}

async function setup(files: Record<string, string> = {}): Promise<Fixture> {
  const fixture = createFixture(files);
  show(fixture.studio);
  await waitFor(() => expect(fixture.studio.connections.getState().loaded).toBe(true));
  return fixture;
}

const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const bodyText = () => (screen.getByRole('textbox', { name: 'Request body (JSON)' }) as HTMLTextAreaElement).value;

async function pickPut(): Promise<void> {
  fireEvent.change(select('Connection'), { target: { value: 'local' } });
  // The connection has one node: it is picked, and described.
  await waitFor(() => expect(select('Protocol').disabled).toBe(false));
  expect(select('Node').value).toBe('n1');
  fireEvent.change(select('Protocol'), { target: { value: 'shop.Shop' } });
  fireEvent.change(select('Message'), { target: { value: 'put' } });
  await waitFor(() => expect(screen.queryByText('Fill with Defaults')?.closest('button')?.disabled).toBe(false));
}

async function openJsonTab(): Promise<void> {
  fireEvent.click(screen.getByRole('tab', { name: 'JSON' }));
  await screen.findByRole('textbox', { name: 'Request body (JSON)' });
}

describe('the composer view', () => {
  it('picks a target with the pickers and fills the body with the message defaults', async () => {
    const { studio } = await setup();
    await pickPut();
    expect(studio.composer.getState().target).toEqual(PUT);
    await openJsonTab();
    expect(JSON.parse(bodyText())).toEqual({ thing: { id: 0, label: null, kind: 'A' }, count: 1 });
    fireEvent.change(screen.getByRole('textbox', { name: 'Request body (JSON)' }), { target: { value: '{}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Fill with Example' }));
    await waitFor(() => expect(JSON.parse(bodyText())).toEqual({ thing: { id: 0, label: null, kind: 'A' }, count: 1 }));
  });

  it('keeps the form and the JSON text in step both ways, and keeps the last valid value while the text is broken', async () => {
    const { studio } = await setup();
    await pickPut();
    // Form → text.
    fireEvent.change(screen.getByRole('combobox', { name: 'request.thing.kind' }), { target: { value: 'B' } });
    expect(JSON.parse(studio.composer.getState().body).thing.kind).toBe('B');
    // Text → form.
    act(() => studio.composer.getState().setBody('{"thing": {"id": 5, "label": null, "kind": "A"}, "count": 3}'));
    expect((screen.getByRole('textbox', { name: 'request.count' }) as HTMLInputElement).value).toBe('3');
    expect((screen.getByRole('combobox', { name: 'request.thing.kind' }) as HTMLSelectElement).value).toBe('A');
    // Broken text: the problem is shown and the form keeps what it had.
    act(() => studio.composer.getState().setBody('{"thing": {"id": 5, "label": null, "kind": "A"}, "count": '));
    expect(screen.getByText(/The JSON text has a problem: 1:\d+: invalid JSON/)).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'request.count' }) as HTMLInputElement).value).toBe('3');
    // Editing the form then replaces the text with a valid one.
    fireEvent.change(screen.getByRole('textbox', { name: 'request.count' }), { target: { value: '4' } });
    expect(JSON.parse(studio.composer.getState().body)).toEqual({ thing: { id: 5, label: null, kind: 'A' }, count: 4 });
    expect(screen.queryByText(/The JSON text has a problem/)).toBeNull();
  });

  it('sends a long beyond 2^53 typed in the form exactly, and a union branch picked in the form', async () => {
    const fixture = await setup();
    fixture.answer = async () => answered({ body: '{"id": 9223372036854775807, "label": {"int": -7}, "kind": "A"}' });
    await pickPut();
    fireEvent.change(screen.getByRole('textbox', { name: 'request.thing.id' }), { target: { value: '9223372036854775807' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'request.thing.label' }), { target: { value: 'int' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'request.thing.label.int' }), { target: { value: '-7' } });
    expect(fixture.studio.composer.getState().body).toContain('"id": 9223372036854775807');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Send/ }));
    });
    expect(fixture.calls[0].body).toBe(fixture.studio.composer.getState().body);
    expect(fixture.calls[0].body.replace(/\s+/g, '')).toBe('{"thing":{"id":9223372036854775807,"label":{"int":-7},"kind":"A"},"count":1}');
    // The answer's tree: exact, and the union's value under its branch's name.
    const tree = await screen.findByRole('tree', { name: 'Result' });
    expect(within(tree).getByText('9223372036854775807')).toBeTruthy();
    const label = within(tree).getByText('label').closest('[role="treeitem"]')!;
    expect(within(label as HTMLElement).getByText('int')).toBeTruthy();
    expect(within(label as HTMLElement).getByText('-7')).toBeTruthy();
  });

  it('sends with Ctrl+Enter and shows the outcome, sizes and endpoint; keeps longs beyond 2^53 exact', async () => {
    const fixture = await setup();
    await pickPut();
    await openJsonTab();
    const body = '{"thing": {"id": 9007199254740993, "label": null, "kind": "A"}, "count": 18446744073709551}';
    fireEvent.change(screen.getByRole('textbox', { name: 'Request body (JSON)' }), { target: { value: body } });
    await act(async () => {
      fireEvent.keyDown(screen.getByRole('textbox', { name: 'Request body (JSON)' }), { key: 'Enter', code: 'Enter', ctrlKey: true });
    });
    await screen.findByText('OK');
    expect(fixture.calls[0].body).toBe(body);
    const response = screen.getByRole('region', { name: 'Response' });
    expect(within(response).getByText('13 ms')).toBeTruthy();
    expect(within(response).getByText('↑ 40 B')).toBeTruthy();
    expect(within(response).getByText('http://127.0.0.1:7400')).toBeTruthy();
    // The echoed response, in the tree, exact.
    const tree = within(response).getByRole('tree', { name: 'Result' });
    expect(within(tree).getByText('9007199254740993')).toBeTruthy();
  });

  it("decodes the payload of a node's answer, which names its schema without carrying it, with the node's module schema", async () => {
    const fixture = await setup();
    const echo = readPayloadSchema(ECHO_INPUT);
    if ('error' in echo) throw new Error(echo.error);
    const payload = encodePayload(echo, { text: 'hi', big: 2n ** 53n + 1n });
    const response = readProtocolJson(EXECUTE_PROTOCOL, { file: 'execute' }).messages[0].response;
    const body = toJsonText(toAvroJson(response, { value: { 'spl.common.Payload': { ...payload, schema: { ...(payload.schema as object), json: null } } } }));
    fixture.answer = async () => answered({ body });
    await act(() => fixture.studio.composer.getState().open(EXECUTE));
    fireEvent.click(screen.getByRole('button', { name: /Send/ }));
    const tree = await screen.findByRole('tree', { name: 'Result' });
    expect(await within(tree).findByText('9007199254740993')).toBeTruthy();
    expect(within(tree).getByText('"hi"')).toBeTruthy();
    expect(within(tree).getByText('Payload · demo.EchoInput')).toBeTruthy();
  });

  it('cancels the call in flight with Escape', async () => {
    const fixture = await setup();
    fixture.answer = untilCancelled;
    await pickPut();
    fireEvent.click(screen.getByRole('button', { name: /Send/ }));
    await screen.findByRole('button', { name: /Cancel/ });
    await act(async () => {
      fireEvent.keyDown(screen.getByRole('toolbar', { name: 'Request target' }), { key: 'Escape' });
    });
    await screen.findByText('Cancelled');
    expect(screen.getByRole('button', { name: /Send/ })).toBeTruthy();
  });

  it('shows a declared error as its type with its fields', async () => {
    const fixture = await setup();
    fixture.answer = async () => answered({ outcome: 'declared-error', errorType: 'shop.Oops', body: '{"reason": "sold out", "code": 9223372036854775807}' });
    await pickPut();
    fireEvent.click(screen.getByRole('button', { name: /Send/ }));
    const badge = await screen.findByText('Oops');
    expect(badge.closest('[data-outcome]')?.getAttribute('data-outcome')).toBe('declared-error');
    const tree = screen.getByRole('tree', { name: 'Error shop.Oops' });
    expect(within(tree).getByText('shop.Oops')).toBeTruthy();
    expect(within(tree).getByText('"sold out"')).toBeTruthy();
    expect(within(tree).getByText('9223372036854775807')).toBeTruthy();
    expect(screen.getByText(/with 2 fields/)).toBeTruthy();
  });

  it('shows what went wrong for the outcomes without a body, and the frames, handshake and metadata tabs', async () => {
    const fixture = await setup();
    fixture.answer = async () =>
      answered({
        outcome: 'system-error',
        message: 'handler crashed: boom',
        frames: [{ direction: 'request', hex: '0000000100', length: 5, segments: [{ start: 0, end: 4, kind: 'framing', label: 'frame length 0x1' }] }],
        handshake: { match: 'BOTH', clientHash: 'ab'.repeat(16), serverHash: null, serverProtocolSent: false, onThisCall: true },
        responseMetadata: { trace: 'abc' },
      });
    await pickPut();
    fireEvent.click(screen.getByRole('button', { name: /Send/ }));
    expect(await screen.findByText('handler crashed: boom')).toBeTruthy();
    expect(screen.getByText('System error')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Frames (1)' }));
    expect(screen.getByRole('region', { name: 'Request frame' })).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Handshake' }));
    expect(screen.getByText('ab'.repeat(16))).toBeTruthy();
    expect(screen.getByText('on this call')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Metadata (1)' }));
    expect(screen.getByText('abc')).toBeTruthy();
  });

  it('moves between the request tabs with the arrow keys', async () => {
    await setup();
    const form = screen.getByRole('tab', { name: 'Form' });
    form.focus();
    fireEvent.keyDown(form, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'JSON' }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'JSON' }));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(screen.getByRole('tab', { name: 'Environment' }).getAttribute('aria-selected')).toBe('true');
  });

  it('blocks a send with an unknown variable, naming it and where', async () => {
    const fixture = await setup();
    await pickPut();
    fireEvent.click(screen.getByRole('tab', { name: 'Metadata' }));
    fireEvent.click(screen.getByRole('button', { name: /Add Metadata/ }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Metadata key 1' }), { target: { value: 'authorization' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Metadata value 1' }), { target: { value: 'Bearer {{token}}' } });
    fireEvent.click(screen.getByRole('button', { name: /Send/ }));
    const alert = await screen.findByText(/In metadata "authorization"/);
    expect(alert.textContent).toContain('{{token}}');
    expect(fixture.calls).toHaveLength(0);
  });

  it('edits environments in spl-workspace.json and uses the active one when sending', async () => {
    const fixture = await setup({ 'spl-workspace.json': '{\n  "name": "Shop"\n}\n' });
    await pickPut();
    fireEvent.click(screen.getByRole('tab', { name: 'Environment' }));
    fireEvent.click(screen.getByRole('button', { name: /Add Environment/ }));
    expect((screen.getByRole('textbox', { name: 'Name of environment 1' }) as HTMLInputElement).value).toBe('dev');
    fireEvent.click(screen.getByRole('button', { name: /Add Variable/ }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Variable 1 of dev' }), { target: { value: 'id' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Value of id in dev' }), { target: { value: '77' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save Environments' }));
    });
    expect(JSON.parse((await fixture.api.workspace.read('spl-workspace.json')).text)).toEqual({ name: 'Shop', environments: { dev: { id: '77' } } });
    fireEvent.change(select('Environment'), { target: { value: 'dev' } });
    fixture.studio.composer.getState().setBody('{"thing": {"id": {{id}}}}');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Send/ }));
    });
    expect(fixture.calls[0].body).toBe('{"thing": {"id": 77}}');
  });

  it('copies the request as an spl call command, with the token from $SPL_TOKEN for a cluster node', async () => {
    const { studio } = await setup();
    await pickPut();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy as spl call' }));
    });
    expect(clipboard[0]).toBe(`spl call http://127.0.0.1:7400 shop.Shop.put '{"thing":{"id":0,"label":null,"kind":"A"},"count":1}'`);
    expect(screen.getByText('Copied the spl call command to the clipboard.')).toBeTruthy();

    await act(async () => {
      await studio.composer.getState().open({ ...PUT, connectionId: 'prod', nodeId: 'p1' });
    });
    studio.composer.getState().addMetadata({ key: 'trace', value: 'it is' });
    studio.composer.getState().setDeadline(1500);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy as spl call' }));
    });
    expect(clipboard[1]).toBe(`spl call https://10.0.0.5:7400 shop.Shop.put '{"thing":{"id":0,"label":null,"kind":"A"},"count":1}' --meta 'trace=it is' --timeout 1500 --token "$SPL_TOKEN"`);
  });
});

describe('the history side bar', () => {
  it('lists calls live, searches them, loads one back, runs one again and clears after asking', async () => {
    const fixture = await setup();
    const { studio } = fixture;
    await pickPut();
    fireEvent.click(screen.getByRole('button', { name: /Send/ }));
    await screen.findByText('OK');
    await act(async () => {
      await studio.composer.getState().open({ ...PUT, message: 'ping' });
      await studio.composer.getState().send();
    });
    const list = screen.getByRole('list', { name: 'Call history' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(within(list).getAllByRole('listitem')[0].textContent).toContain('Shop.ping');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search the history' }), { target: { value: 'put' } });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));

    fireEvent.click(within(list).getByRole('button', { name: /OK: put on n1/ }));
    expect(studio.composer.getState().target).toEqual(PUT);
    expect(studio.composer.getState().result?.historyId).toBe('h1');

    await act(async () => {
      fireEvent.click(within(list).getByRole('button', { name: 'Run put again' }));
    });
    expect(fixture.calls).toHaveLength(3);
    expect(fixture.calls[2].message).toBe('put');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search the history' }), { target: { value: '' } });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: 'Clear the history' }));
    const dialog = await screen.findByRole('alertdialog');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Clear History' }));
    });
    await waitFor(() => expect(within(list).queryAllByRole('listitem')).toHaveLength(0));
    expect(await fixture.api.history.list()).toEqual([]);
  });
});

describe('the collections side bar', () => {
  it('saves the current request into a new collection, lists it, opens it again, and shows broken files with their error', async () => {
    const fixture = await setup({ 'requests/broken.json': '{"name": 3}' });
    const { studio } = fixture;
    const collections = screen.getByRole('list', { name: 'Collections' });
    expect(within(collections).getByText(/missing member "requests"/)).toBeTruthy();
    await pickPut();
    await openJsonTab();
    const body = '{"thing": {"id": 9007199254740993, "label": null, "kind": "B"}, "count": 1}';
    fireEvent.change(screen.getByRole('textbox', { name: 'Request body (JSON)' }), { target: { value: body } });

    fireEvent.click(screen.getByRole('button', { name: 'Save the current request to a collection' }));
    const bar = await screen.findByRole('form', { name: 'Save request' });
    fireEvent.change(within(bar).getByRole('combobox', { name: 'Collection' }), { target: { value: '#new' } });
    fireEvent.change(within(bar).getByRole('textbox', { name: 'New collection name' }), { target: { value: 'Smoke' } });
    fireEvent.change(within(bar).getByRole('textbox', { name: 'Request name' }), { target: { value: 'big put' } });
    await act(async () => {
      fireEvent.submit(bar);
    });
    expect((await fixture.api.workspace.read('requests/smoke.json')).text).toContain('"id": 9007199254740993');
    expect(studio.composer.getState().origin).toEqual({ path: 'requests/smoke.json', name: 'big put' });
    const saved = await within(collections).findByRole('button', { name: /^big put/ });

    studio.composer.getState().setBody('{}');
    fireEvent.click(saved);
    expect(JSON.parse(studio.composer.getState().body.replace('9007199254740993', '"big"'))).toEqual({ thing: { id: 'big', label: null, kind: 'B' }, count: 1 });

    fireEvent.click(within(collections).getByRole('button', { name: 'Rename big put' }));
    const rename = within(collections).getByRole('textbox', { name: 'New name for big put' });
    fireEvent.change(rename, { target: { value: 'huge put' } });
    await act(async () => {
      fireEvent.keyDown(rename, { key: 'Enter' });
    });
    await within(collections).findByRole('button', { name: /^huge put/ });
    expect(studio.composer.getState().origin).toEqual({ path: 'requests/smoke.json', name: 'huge put' });

    fireEvent.click(within(collections).getByRole('button', { name: 'Delete huge put' }));
    const dialog = await screen.findByRole('alertdialog');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    });
    await waitFor(() => expect(within(collections).queryByRole('button', { name: /^huge put/ })).toBeNull());
  });
});
