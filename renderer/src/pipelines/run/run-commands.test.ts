import { describe, expect, it } from 'vitest';
import { setActivePipelineDoc } from './active-doc.js';
import { pipelineRunCommands } from './run-commands.js';
import { pipelineRunOf } from './run-store.js';
import { createRunWorld, DOC_ID } from './test-world.js';

function keyEvent(init: KeyboardEventInit): KeyboardEvent {
  return new KeyboardEvent('keydown', init);
}

describe('the run commands', () => {
  it('run, cancel and register the active pipeline while the pipeline view is shown', async () => {
    const world = await createRunWorld();
    const { studio } = world;
    const commands = studio.commands.getState();
    commands.register(...pipelineRunCommands(studio));
    expect(commands.get('pipeline.run')).toMatchObject({ category: 'Pipeline', keys: ['Mod+Enter'] });

    // Elsewhere, or with no pipeline shown, Mod+Enter is not theirs.
    const modEnter = keyEvent({ key: 'Enter', ctrlKey: true });
    expect(studio.commands.getState().forKey(modEnter, false)).toBeUndefined();
    studio.layout.getState().showView('pipelines');
    expect(studio.commands.getState().forKey(modEnter, false)).toBeUndefined();

    setActivePipelineDoc(studio, DOC_ID);
    expect(studio.commands.getState().forKey(modEnter, false)?.id).toBe('pipeline.run');
    expect(await studio.commands.getState().run('pipeline.cancel')).toBe(false);

    const run = pipelineRunOf(studio, DOC_ID);
    expect(await studio.commands.getState().run('pipeline.run')).toBe(true);
    expect(run.getState().runId).not.toBeNull();
    await world.waiting();
    // One run at a time.
    expect(studio.commands.getState().forKey(modEnter, false)).toBeUndefined();
    expect(await studio.commands.getState().run('pipeline.cancel')).toBe(true);
    expect(run.getState().cancelling).toBe(true);
    expect(await studio.commands.getState().run('pipeline.cancel')).toBe(false);

    expect(await studio.commands.getState().run('pipeline.register')).toBe(true);
    await new Promise<void>((resolve) => {
      const done = () => run.getState().registered !== null && run.getState().runId === null;
      if (done()) return resolve();
      const stop = run.subscribe(() => {
        if (!done()) return;
        stop();
        resolve();
      });
    });
    expect(run.getState().registered).toBe('Registered demo on n1.');
    expect(run.getState().last?.outcome).toBe('cancelled');

    setActivePipelineDoc(studio, null);
    expect(await studio.commands.getState().run('pipeline.run')).toBe(false);
  });
});
