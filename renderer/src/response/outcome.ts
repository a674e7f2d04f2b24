/** How each call outcome is named and marked, in the response panel and the history list. */
import type { CallOutcomeKind } from '../../../shared/studio/api.js';
import { simpleName } from '../../../shared/avro/names.js';

export interface OutcomeLook {
  label: string;
  /** A codicon name. */
  icon: string;
  /** The colour class: `is-ok`, `is-error`, `is-warning`, `is-muted`. */
  tone: 'ok' | 'error' | 'warning' | 'muted';
  /** What it means, for the badge's tooltip. */
  meaning: string;
}

const LOOKS: Record<CallOutcomeKind, OutcomeLook> = {
  ok: { label: 'OK', icon: 'pass-filled', tone: 'ok', meaning: 'The node answered with a response.' },
  'declared-error': { label: 'Error', icon: 'error', tone: 'warning', meaning: 'The node answered with an error the protocol declares for this message.' },
  'system-error': { label: 'System error', icon: 'error', tone: 'error', meaning: 'The node failed to handle the call (an error the protocol does not declare).' },
  'transport-error': { label: 'Transport error', icon: 'debug-disconnect', tone: 'error', meaning: 'The call did not reach the node, or its answer did not come back.' },
  timeout: { label: 'Timeout', icon: 'watch', tone: 'error', meaning: 'No answer before the deadline.' },
  cancelled: { label: 'Cancelled', icon: 'circle-slash', tone: 'muted', meaning: 'You cancelled the call.' },
  'invalid-request': { label: 'Invalid request', icon: 'warning', tone: 'warning', meaning: 'The request does not fit the message: nothing was sent.' },
};

export function outcomeLook(outcome: CallOutcomeKind, errorType?: string): OutcomeLook {
  const look = LOOKS[outcome];
  // A declared error is known by its type: "Error NotFound".
  return outcome === 'declared-error' && errorType ? { ...look, label: simpleName(errorType) } : look;
}

export function formatDuration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
