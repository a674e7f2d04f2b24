/**
 * How a node's protocol compares with the workspace: nothing when the same, a warning when it
 * differs (naming the definition file), a muted note when the workspace has no such protocol.
 */
import type { DriftState, MessageDrift } from '../../../shared/studio/api.js';
import './explorer.css';

export function driftText(drift: DriftState, definitionFile?: string): string {
  switch (drift) {
    case 'same': return definitionFile ? `same as ${definitionFile}` : 'same as the workspace';
    case 'differs': return definitionFile ? `differs from ${definitionFile}` : 'differs from the workspace\'s definition';
    case 'not-in-workspace': return 'not in workspace';
  }
}

export function DriftBadge({ drift, definitionFile, compact = false }: { drift: DriftState; definitionFile?: string; compact?: boolean }) {
  if (drift === 'same') return null;
  const text = driftText(drift, definitionFile);
  if (drift === 'differs') {
    return (
      <span className="drift-badge is-differs" title={text} aria-label={compact ? text : undefined} role={compact ? 'img' : undefined}>
        <span className="codicon codicon-warning" aria-hidden="true" />
        {!compact && <span>{text}</span>}
      </span>
    );
  }
  return <span className="drift-badge is-missing" title="The workspace has no definition of this protocol.">{text}</span>;
}

export const VERDICT_LABELS: Record<MessageDrift['status'], string> = {
  same: 'same',
  compatible: 'compatible',
  incompatible: 'incompatible',
  added: 'only on the node',
  removed: 'only in the workspace',
};

export function VerdictBadge({ verdict }: { verdict: MessageDrift }) {
  return <span className={`verdict-badge is-${verdict.status}`}>{VERDICT_LABELS[verdict.status]}</span>;
}
