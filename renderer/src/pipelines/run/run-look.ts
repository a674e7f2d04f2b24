/** How a stage's part in a run and a run's outcome are named and marked, on the canvas and in the panels. */
import type { StageRun } from '../../../../shared/studio/api.js';
import type { RunOutcome } from './run-store.js';

export interface Look {
  label: string;
  /** Codicon classes. */
  icon: string;
  tone: 'ok' | 'error' | 'warning' | 'muted' | 'busy';
  /** What it means, for tooltips. */
  meaning: string;
}

const STAGE_LOOKS: Record<StageRun['state'], Look> = {
  running: { label: 'Running', icon: 'codicon-loading codicon-modifier-spin', tone: 'busy', meaning: 'The stage is running on the node now.' },
  ok: { label: 'OK', icon: 'codicon-pass-filled', tone: 'ok', meaning: 'The stage ran and answered.' },
  pinned: { label: 'Pinned', icon: 'codicon-pinned', tone: 'muted', meaning: 'Its pinned output stood in for running it.' },
  error: { label: 'Failed', icon: 'codicon-error', tone: 'error', meaning: 'The stage reported an error or could not be carried out.' },
  skipped: { label: 'Skipped', icon: 'codicon-debug-step-over', tone: 'muted', meaning: 'An earlier stage failed, so this one did not run.' },
};

export function stageLook(state: StageRun['state']): Look {
  return STAGE_LOOKS[state];
}

const OUTCOME_LOOKS: Record<RunOutcome, Look> = {
  ok: { label: 'OK', icon: 'codicon-pass-filled', tone: 'ok', meaning: 'Every stage ran or was pinned.' },
  error: { label: 'Failed', icon: 'codicon-error', tone: 'error', meaning: 'A stage failed: the stages after it were skipped.' },
  timeout: { label: 'Timeout', icon: 'codicon-watch', tone: 'error', meaning: 'The run did not finish before its deadline.' },
  cancelled: { label: 'Cancelled', icon: 'codicon-circle-slash', tone: 'muted', meaning: 'You stopped the run before it got to the end.' },
};

export function outcomeLook(outcome: RunOutcome): Look {
  return OUTCOME_LOOKS[outcome];
}

/** The first line of a message, cut to `max` characters: a slot on the canvas has little room. */
export function shortMessage(message: string, max = 48): string {
  const line = message.split('\n', 1)[0].trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
