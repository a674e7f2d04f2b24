import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAvroJsonText, type RuntimeObject } from '../../../../shared/avro/avro-json.js';
import { StudioError } from '../../../../shared/studio/api.js';
import { StudioContext, type Studio } from '../../app/studio.js';
import { decodePayload } from '../../composer/payload/payload-value.js';
import { runInputSchema } from './execute-schemas.js';
import { pipelineRunOf } from './run-store.js';
import { RunPanel } from './RunPanel.js';
import { StageRunSlot } from './StageRunSlot.js';
import { createRunWorld, DOC_ID, releaseAll, textResponse, type RunWorld } from './test-world.js';

afterEach(cleanup);

/** The panel, with each stage's slot as the canvas would hold it. */
function renderPanel(studio: Studio, stageIds: string[], onOpenDefinition?: (text: string) => void) {
  return render(
    <StudioContext.Provider value={studio}>
      <ul aria-label="Canvas">
        {stageIds.map((id) => (
          <li key={id} aria-label={`Node ${id}`}>
            <StageRunSlot docId={DOC_ID} stageId={id} />
          </li>
        ))}
      </ul>
      <RunPanel docId={DOC_ID} onOpenDefinition={onOpenDefinition} />
    </StudioContext.Provider>,
  );
}

const slot = (id: string) => screen.getByRole('listitem', { name: `Node ${id}` });

/** Lets the held stage finish and waits until the runner holds the next one. */
async function step(world: RunWorld) {
  await act(async () => {
    world.release();
    await world.waiting();
  });
}

describe('the run panel', () => {
  it('runs the pipeline, and each stage slot follows the live progress: running, its time, its error, skipped', async () => {
    const world = await createRunWorld();
    const long = 'the text was far too long to shout at anyone, so demo/shout gave up on it';
    world.answer = (index, module) => (index === 1 ? { error: long, errorType: 'spl.common.ExecutionError' } : { output: textResponse(module, 1), durationMs: 12 });
    const [s1, s2, s3] = world.doc.getState().stageIds;
    renderPanel(world.studio, [s1, s2, s3]);
    // Nothing before the first run.
    expect(slot(s1).textContent).toBe('');

    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await act(async () => {
      await world.waiting();
    });
    expect(within(slot(s1)).getByText('running…')).toBeTruthy();
    // No run has ended yet: the summary names none.
    expect(document.querySelector('.run-summary')?.hasAttribute('data-last-run')).toBe(false);
    expect(slot(s2).textContent).toBe('');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(true);

    await step(world);
    expect(within(slot(s1)).getByText('12 ms')).toBeTruthy();
    expect(within(slot(s2)).getByText('running…')).toBeTruthy();

    // The last stage it runs: the run ends.
    act(() => world.release());
    await waitFor(() => expect(slot(s2).querySelector('[data-state="error"]')).toBeTruthy());
    const failed = slot(s2).querySelector<HTMLElement>('[data-state="error"]')!;
    // The slot has little room: the start of the message, all of it on hover.
    expect(failed.title).toBe(long);
    expect(failed.textContent!.length).toBeLessThan(long.length);
    expect(slot(s3).querySelector('[data-state="skipped"]')?.textContent).toContain('skipped');

    // The panel: the outcome, the total time, each stage's part, and no final output.
    const last = screen.getByRole('region', { name: 'Last run' });
    expect(last.querySelector('[data-outcome]')?.textContent).toContain('Failed');
    // The summary names the run its outcome is of.
    expect(last.querySelector('.run-summary')?.getAttribute('data-last-run')).toBe(pipelineRunOf(world.studio, world.doc.getState().docId).getState().last?.runId);
    expect(last.querySelector('.run-summary')?.getAttribute('data-last-run')).toMatch(/^run-/);
    expect(within(last).getByTitle('Total time').textContent).toBe('43 ms');
    expect(within(last).getByRole('listitem', { name: 'Stage 1 demo/upper: OK' })).toBeTruthy();
    expect(within(last).getByRole('listitem', { name: 'Stage 2 demo/reverse: Failed' }).textContent).toContain(long);
    expect(within(last).getByRole('listitem', { name: 'Stage 3 demo/shout: Skipped' })).toBeTruthy();
    expect(within(last).getByText(/did not get to the last stage/)).toBeTruthy();
  });

  it('sends a typed payload built in the form with exact longs, and shows the final output decoded', async () => {
    const world = await createRunWorld();
    world.answer = (index, module, request) => {
      // Each stage answers with the run's input and its own name, so the final output carries the input's value.
      const input = parseAvroJsonText(runInputSchema(), request.input) as RuntimeObject;
      const decoded = decodePayload(input['spl.common.Payload']);
      const value = decoded?.status === 'decoded' ? (decoded.value as RuntimeObject) : { text: '', big: 0 };
      return { output: textResponse(`${value.text as string} via ${module}`, value.big as bigint) };
    };
    renderPanel(world.studio, []);

    fireEvent.change(screen.getByRole('combobox', { name: 'input' }), { target: { value: 'spl.common.Payload' } });
    // The first stage's module input schema is the default choice.
    const picker = (await screen.findByRole('combobox', { name: /^Schema of / })) as HTMLSelectElement;
    await waitFor(() => expect(picker.value).toBe('demo/upper#input'));
    fireEvent.click(screen.getByRole('button', { name: 'Edit as demo/upper · input (demo.Text)' }));
    fireEvent.change(await screen.findByRole('textbox', { name: /big$/ }), { target: { value: '9223372036854775807' } });
    fireEvent.change(screen.getByRole('textbox', { name: /text$/ }), { target: { value: 'hello' } });

    const run = pipelineRunOf(world.studio, DOC_ID);
    await act(async () => {
      await releaseAll(world, run.getState().run());
    });
    const sent = parseAvroJsonText(runInputSchema(), world.runs[0].input) as RuntimeObject;
    expect(decodePayload(sent['spl.common.Payload'])).toMatchObject({ status: 'decoded', label: 'demo.Text', value: { text: 'hello', big: 2n ** 63n - 1n } });

    // The final output: the payload decoded with the node's module schema, the long exact.
    const tree = await screen.findByRole('tree', { name: 'Final output' });
    expect(within(tree).getByText('Payload · demo.Text')).toBeTruthy();
    expect(within(tree).getByText('"hello via demo/shout"')).toBeTruthy();
    expect(within(tree).getByText('9223372036854775807')).toBeTruthy();
    const last = screen.getByRole('region', { name: 'Last run' });
    expect(last.querySelector('[data-outcome]')?.textContent).toContain('OK');
  });

  it('sends the context rows', async () => {
    const world = await createRunWorld();
    renderPanel(world.studio, []);
    fireEvent.click(screen.getByRole('button', { name: /Add Context/ }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Context key 1' }), { target: { value: 'trace' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Context value 1' }), { target: { value: 'abc' } });
    const run = pipelineRunOf(world.studio, DOC_ID);
    await act(async () => {
      await releaseAll(world, run.getState().run());
    });
    expect(world.runs[0].context).toEqual({ trace: 'abc' });
  });

  it('cancels the run in flight', async () => {
    const world = await createRunWorld();
    const [s1, s2, s3] = world.doc.getState().stageIds;
    renderPanel(world.studio, [s1, s2, s3]);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await act(async () => {
      await world.waiting();
    });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByRole('button', { name: 'Cancelling…' })).toBeTruthy();
    const last = screen.getByRole('region', { name: 'Last run' });
    await waitFor(() => expect(last.querySelector('[data-outcome]')?.textContent).toContain('Cancelled'));
    expect(screen.queryByRole('button', { name: /Cancel/ })).toBeNull();
    expect(slot(s1).querySelector('[data-state="error"]')?.getAttribute('title')).toBe('cancelled while this stage ran (on http://127.0.0.1:7400)');
    expect(slot(s2).querySelector('[data-state="skipped"]')).toBeTruthy();
    expect(within(last).getByRole('listitem', { name: 'Stage 1 demo/upper: Failed' }).textContent).toContain('cancelled while this stage ran');
    expect(within(last).getByRole('listitem', { name: 'Stage 2 demo/reverse: Skipped' })).toBeTruthy();
  });

  it('shows the node’s refusal to register the pipeline, with its stage and field paths', async () => {
    const world = await createRunWorld();
    world.api.pipelines.register = async () => {
      throw new StudioError('invalid-argument', 'INVALID_PIPELINE: stages[1] (demo/reverse): inputSchema demo.Words cannot read stages[0].outputSchema demo.Text: field words is missing');
    };
    renderPanel(world.studio, []);
    fireEvent.click(screen.getByRole('button', { name: 'Register on node' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('n1 refused demo: INVALID_PIPELINE: stages[1] (demo/reverse): inputSchema demo.Words cannot read stages[0].outputSchema demo.Text: field words is missing');
  });

  it('lists the node’s pipelines, refreshes after registering, and opens one through the canvas', async () => {
    const world = await createRunWorld();
    const opened = vi.fn();
    renderPanel(world.studio, [], opened);
    const list = await screen.findByRole('list', { name: 'Pipelines registered on n1' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['existingOpen']);

    fireEvent.click(screen.getByRole('button', { name: 'Register on node' }));
    expect((await screen.findByRole('status')).textContent).toContain('Registered demo on n1.');
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Pipelines registered on n1' })).getAllByRole('listitem')).toHaveLength(2));

    fireEvent.click(screen.getByRole('button', { name: 'Open existing' }));
    await waitFor(() => expect(opened).toHaveBeenCalledWith(world.pipelines['local/n1'].existing));

    // Someone else registers one: Refresh shows it.
    world.pipelines['local/n1'].later = world.pipelines['local/n1'].existing;
    fireEvent.click(screen.getByRole('button', { name: 'Refresh the pipelines of n1' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Open later' })).toBeTruthy());
  });

  it('says so when there is no node to run on', async () => {
    const world = await createRunWorld();
    world.doc.getState().setTarget(null, true);
    renderPanel(world.studio, []);
    expect(screen.getByText('No node to run on: pick one above the canvas.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Pick the node to run on first');
    expect(world.runs).toHaveLength(0);
  });
});
