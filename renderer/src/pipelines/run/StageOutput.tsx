/**
 * A stage's last output in the stage panel: its time or error, the ExecuteResponse as a tree
 * (payload decoded), and Pin / Unpin. A pinned stage shows its pinned output and says the next
 * run will use it instead of running the stage.
 */
import { useSlice, useStudio } from '../../app/studio.js';
import { formatDuration } from '../../response/outcome.js';
import { pipelineDocOf } from '../pipeline-doc-store.js';
import { OutputTree } from './OutputTree.js';
import { stageLook } from './run-look.js';
import { pipelineRunOf } from './run-store.js';
import './run.css';

export function StageOutput({ docId, stageId }: { docId: string; stageId: string }) {
  const studio = useStudio();
  const run = pipelineRunOf(studio, docId);
  const result = useSlice(run, (s) => s.results[stageId]);
  const pinnedText = useSlice(run, (s) => s.pins[stageId]);
  // Payloads decode with the target's module schemas (found by fingerprint, so another node's are harmless).
  const target = useSlice(pipelineDocOf(studio, docId), (s) => s.target);
  const look = result ? stageLook(result.state) : null;
  const canPin = result?.output !== undefined && (result.state === 'ok' || result.state === 'pinned');

  return (
    <section className="stage-output" aria-label="Stage output">
      <div className="run-section-head">
        <h3 className="run-section-title">Output</h3>
        {pinnedText !== undefined ? (
          <button type="button" className="button is-small" onClick={() => run.getState().unpin(stageId)}>
            <span className="codicon codicon-pin" aria-hidden="true" /> Unpin
          </button>
        ) : (
          <button
            type="button"
            className="button is-small"
            disabled={!canPin}
            title={canPin ? 'Use this output in the next runs instead of running the stage' : 'Only the output of a stage that ran can be pinned'}
            onClick={() => run.getState().pin(stageId)}
          >
            <span className="codicon codicon-pinned" aria-hidden="true" /> Pin
          </button>
        )}
      </div>
      {pinnedText !== undefined && (
        <>
          <p className="run-note" role="status">
            <span className="codicon codicon-pinned" aria-hidden="true" /> Pinned: the next run will use this output instead of running the stage.
          </p>
          <OutputTree text={pinnedText} target={target} label="Pinned output" />
        </>
      )}
      {pinnedText === undefined && !result && <p className="run-note">Run the pipeline to see what this stage answers.</p>}
      {pinnedText === undefined && result && look && (
        <>
          <p className={`stage-output-facts run-tone-${look.tone}`}>
            <span className={`codicon ${look.icon}`} aria-hidden="true" /> {look.label}
            {result.durationMs !== undefined && result.state !== 'pinned' && <> in {formatDuration(result.durationMs)}</>}
          </p>
          {result.error !== undefined && (
            <p className="run-note is-error" role="alert">
              {result.errorType ? `${result.errorType}: ` : ''}
              {result.error ?? 'The stage failed without saying why.'}
            </p>
          )}
          {result.state === 'skipped' && <p className="run-note">An earlier stage failed, so this one did not run.</p>}
          {result.output !== undefined && <OutputTree text={result.output} target={target} label="Stage output" />}
        </>
      )}
    </section>
  );
}
