/**
 * The run side's palette commands; the lead registers them with the studio's own
 * (`studio.commands.getState().register(...pipelineRunCommands(studio))`). They act on the
 * pipeline the canvas shows (see active-doc.ts), and only while the pipeline view is shown, so
 * Mod+Enter keeps its meaning (Send) in the composer.
 */
import type { Studio } from '../../app/studio.js';
import type { Command } from '../../commands/registry.js';
import { activePipelineDoc } from './active-doc.js';
import { pipelineRunOf } from './run-store.js';

export function pipelineRunCommands(studio: Studio): Command[] {
  const shown = () => studio.layout.getState().view === 'pipelines';
  const run = () => {
    const docId = activePipelineDoc(studio);
    return docId === null ? null : pipelineRunOf(studio, docId).getState();
  };
  const running = () => run()?.runId != null;

  return [
    {
      id: 'pipeline.run', category: 'Pipeline', title: 'Run Pipeline', keys: ['Mod+Enter'],
      enabled: () => shown() && run() !== null && !running(),
      run: () => void run()?.run(),
    },
    {
      id: 'pipeline.cancel', category: 'Pipeline', title: 'Cancel Pipeline Run',
      enabled: () => shown() && running() && !run()!.cancelling,
      run: () => void run()?.cancel(),
    },
    {
      id: 'pipeline.register', category: 'Pipeline', title: 'Register Pipeline on Node',
      enabled: () => shown() && run() !== null && !run()!.registering,
      run: () => void run()?.register(),
    },
  ];
}
