/** A wire's check in the stage panel: a verdict line and, for a mismatch, the reasons by field path. */
import type { WireCheck } from './wire-checks.js';

const ICON: Record<WireCheck['state'], string> = {
  ok: 'codicon-pass',
  mismatch: 'codicon-error',
  untyped: 'codicon-circle-outline',
  checking: 'codicon-loading codicon-modifier-spin',
  unknown: 'codicon-question',
};

export function WireCheckView({ check, from }: { check: WireCheck; from: string }) {
  return (
    <div className={`wire-check is-${check.state}`}>
      <p className="wire-check-verdict">
        <span className={`codicon ${ICON[check.state]}`} aria-hidden="true" />
        <span>
          <span className="wire-check-from">{from}</span> {check.note}
        </span>
      </p>
      {check.state === 'mismatch' && (
        <ul className="wire-check-reasons">
          {check.reasons.map((reason) => <li key={reason}>{reason}</li>)}
        </ul>
      )}
    </div>
  );
}
