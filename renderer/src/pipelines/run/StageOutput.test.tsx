import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioContext } from '../../app/studio.js';
import { pipelineRunOf } from './run-store.js';
import { StageOutput } from './StageOutput.js';
import { StageRunSlot } from './StageRunSlot.js';
import { createRunWorld, DOC_ID, releaseAll, textResponse } from './test-world.js';

afterEach(cleanup);

describe('a stage’s output', () => {
  it('shows the last output decoded, pins it for the next run, and unpins it', async () => {
    const world = await createRunWorld();
    world.answer = (index, module) => ({ output: textResponse(`from ${module}`, 2n ** 60n + 1n), durationMs: 1500 });
    const [s1, s2] = world.doc.getState().stageIds;
    const run = pipelineRunOf(world.studio, DOC_ID);
    render(
      <StudioContext.Provider value={world.studio}>
        <div aria-label="Slot">
          <StageRunSlot docId={DOC_ID} stageId={s1} />
        </div>
        <StageOutput docId={DOC_ID} stageId={s1} />
      </StudioContext.Provider>,
    );
    expect(screen.getByText('Run the pipeline to see what this stage answers.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Pin' }) as HTMLButtonElement).disabled).toBe(true);

    await act(async () => {
      await releaseAll(world, run.getState().run());
    });
    const output = screen.getByRole('region', { name: 'Stage output' });
    expect(within(output).getByText(/OK/).textContent).toContain('in 1.50 s');
    const tree = await screen.findByRole('tree', { name: 'Stage output' });
    expect(within(tree).getByText('Payload · demo.Text')).toBeTruthy();
    expect(within(tree).getByText('"from demo/upper"')).toBeTruthy();
    expect(within(tree).getByText(String(2n ** 60n + 1n))).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Pin' }));
    expect(run.getState().pins[s1]).toBe(textResponse('from demo/upper', 2n ** 60n + 1n));
    expect(screen.getByRole('status').textContent).toContain('Pinned: the next run will use this output instead of running the stage.');
    expect(await screen.findByRole('tree', { name: 'Pinned output' })).toBeTruthy();
    // The slot on the canvas says so too.
    expect(screen.getByLabelText('pinned for the next run')).toBeTruthy();

    // The next run uses it: the stage does not run, and the slot shows it pinned.
    world.answer = (index, module) => ({ output: textResponse(`again from ${module}`, 1) });
    await act(async () => {
      await releaseAll(world, run.getState().run());
    });
    expect(world.runs[1].pins).toEqual({ '0': textResponse('from demo/upper', 2n ** 60n + 1n) });
    expect(run.getState().results[s1].state).toBe('pinned');
    expect(run.getState().results[s2].output).toBe(textResponse('again from demo/reverse', 1));
    const slot = screen.getByLabelText('Slot');
    expect(slot.querySelector('[data-state="pinned"]')?.textContent).toContain('pinned');

    fireEvent.click(screen.getByRole('button', { name: 'Unpin' }));
    expect(run.getState().pins).toEqual({});
    expect(screen.queryByRole('tree', { name: 'Pinned output' })).toBeNull();
    // The pinned result of the last run can be pinned again.
    expect((screen.getByRole('button', { name: 'Pin' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows a failed stage’s error and offers no pin', async () => {
    const world = await createRunWorld();
    world.answer = (index, module) => (index === 0 ? { error: 'demo/upper cannot read an empty text: give the input a text.', errorType: 'spl.common.ExecutionError' } : { output: textResponse(module, 1) });
    const [s1, s2] = world.doc.getState().stageIds;
    const run = pipelineRunOf(world.studio, DOC_ID);
    render(
      <StudioContext.Provider value={world.studio}>
        <StageOutput docId={DOC_ID} stageId={s1} />
        <section aria-label="Second">
          <StageOutput docId={DOC_ID} stageId={s2} />
        </section>
      </StudioContext.Provider>,
    );
    await act(async () => {
      await releaseAll(world, run.getState().run());
    });
    expect(screen.getByRole('alert').textContent).toBe('spl.common.ExecutionError: demo/upper cannot read an empty text: give the input a text.');
    expect(screen.getAllByRole('button', { name: 'Pin' }).every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
    expect(within(screen.getByRole('region', { name: 'Second' })).getByText('An earlier stage failed, so this one did not run.')).toBeTruthy();
  });
});
