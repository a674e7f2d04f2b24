/**
 * The run in flight or the last one: its outcome and total time, each stage's part (ran, pinned,
 * skipped, failed; live while running), and the final output as a tree with payloads decoded.
 */
import type { StageRun } from '../../../../shared/studio/api.js';
import { useSlice } from '../../app/studio.js';
import { formatDuration } from '../../response/outcome.js';
import { OutputTree } from './OutputTree.js';
import { outcomeLook, stageLook } from './run-look.js';
import type { PipelineRunStore } from './run-store.js';

function StageFacts({ result }: { result: StageRun | undefined }) {
  if (!result) return <span className="run-stage-facts is-muted">did not run</span>;
  // A pinned output that reports ERROR stands in for a failed stage: it carries an error too.
  if (result.error !== undefined) {
    return (
      <span className="run-stage-facts is-error" title={result.error}>
        {result.errorType ? `${result.errorType}: ` : ''}
        {result.error ?? 'failed'}
      </span>
    );
  }
  if (result.durationMs !== undefined && result.state !== 'pinned') return <span className="run-stage-facts">{formatDuration(result.durationMs)}</span>;
  return null;
}

export function RunSummary({ run }: { run: PipelineRunStore }) {
  const running = useSlice(run, (s) => s.runId !== null);
  const cancelling = useSlice(run, (s) => s.cancelling);
  const last = useSlice(run, (s) => s.last);
  const stages = useSlice(run, (s) => s.runStages);
  const results = useSlice(run, (s) => s.results);

  if (!running && !last) return <p className="run-note">Run the pipeline to see each stage’s part and the final output here.</p>;
  const look = !running && last ? outcomeLook(last.outcome) : null;

  return (
    // Which run the outcome below is of: a test (or a script) tells a new run's outcome from the last one's by it.
    <div className="run-summary" data-last-run={last?.runId}>
      <div className="run-summary-head">
        {look && last ? (
          <>
            <span className={`run-badge is-${look.tone}`} title={look.meaning} data-outcome={last.outcome}>
              <span className={`codicon ${look.icon}`} aria-hidden="true" /> {look.label}
            </span>
            <span className="run-total" title="Total time">{formatDuration(last.durationMs)}</span>
          </>
        ) : (
          <span className="run-badge is-busy" role="status">
            <span className="codicon codicon-loading codicon-modifier-spin" aria-hidden="true" /> {cancelling ? 'Cancelling…' : 'Running…'}
          </span>
        )}
      </div>
      <ol className="run-stages" aria-label={running ? 'Stages of the run in flight' : 'Stages of the last run'}>
        {stages.map((stage, index) => {
          const result = results[stage.id];
          const stageState = result ? stageLook(result.state) : null;
          return (
            <li key={stage.id} className={`run-stage${result ? ` is-${result.state}` : ''}`} aria-label={`Stage ${index + 1} ${stage.module}: ${stageState?.label ?? (running ? 'waiting' : 'did not run')}`}>
              <span className="run-stage-index">{index + 1}</span>
              <span className={`codicon ${stageState?.icon ?? 'codicon-circle-large-outline'} run-tone-${stageState?.tone ?? 'muted'}`} title={stageState?.meaning ?? (running ? 'Waiting for the stages before it.' : 'It did not run.')} aria-hidden="true" />
              <span className="run-stage-module" title={stage.module}>{stage.module}</span>
              <span className="run-stage-state">{stageState?.label ?? (running ? 'waiting' : '')}</span>
              {(result || !running) && <StageFacts result={result} />}
            </li>
          );
        })}
      </ol>
      {!running && last?.output !== undefined && (
        <div className="run-output">
          <h3 className="run-section-title">Final output</h3>
          <OutputTree text={last.output} target={last.target} label="Final output" />
        </div>
      )}
      {!running && last && last.output === undefined && <p className="run-note">The run did not get to the last stage, so there is no final output.</p>}
    </div>
  );
}
