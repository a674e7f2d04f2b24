/**
 * A stage's part in the last run, compact, inside its node on the canvas: a spinner while it
 * runs, OK with its time, pinned, failed with the start of the message (all of it on hover), or
 * skipped. Nothing before the stage has run or been pinned.
 */
import { useSlice, useStudio } from '../../app/studio.js';
import { formatDuration } from '../../response/outcome.js';
import { shortMessage, stageLook } from './run-look.js';
import { pipelineRunOf } from './run-store.js';
import './run.css';

export function StageRunSlot({ docId, stageId }: { docId: string; stageId: string }) {
  const studio = useStudio();
  const run = pipelineRunOf(studio, docId);
  const result = useSlice(run, (s) => s.results[stageId]);
  const pinned = useSlice(run, (s) => stageId in s.pins);

  if (!result && !pinned) return null;
  const pinNote = 'Pinned: the next run uses this stage’s pinned output instead of running it.';
  if (!result) {
    return (
      <span className="stage-run is-pinned" title={pinNote} data-state="pinned">
        <span className="codicon codicon-pinned" aria-hidden="true" /> pinned
      </span>
    );
  }
  const look = stageLook(result.state);
  let text: string;
  let title = look.meaning;
  switch (result.state) {
    case 'ok':
      text = result.durationMs !== undefined ? formatDuration(result.durationMs) : look.label;
      break;
    case 'error':
      text = shortMessage(result.error ?? look.label);
      title = result.error ?? look.meaning;
      break;
    case 'pinned':
      // A pinned output that reports ERROR stops the run there, as the stage would have.
      text = result.error !== undefined ? `pinned: ${shortMessage(result.error, 40)}` : 'pinned';
      title = result.error !== undefined ? `${look.meaning} It reports an error: ${result.error}` : look.meaning;
      break;
    case 'running':
      text = 'running…';
      break;
    default:
      text = look.label.toLowerCase();
  }
  return (
    <span className={`stage-run is-${result.state}${result.error !== undefined ? ' has-error' : ''}`} title={title} data-state={result.state}>
      <span className={`codicon ${look.icon}`} aria-hidden="true" />
      <span className="stage-run-text">{text}</span>
      {pinned && result.state !== 'pinned' && <span className="codicon codicon-pinned stage-run-pin" title={pinNote} aria-label="pinned for the next run" />}
    </span>
  );
}
