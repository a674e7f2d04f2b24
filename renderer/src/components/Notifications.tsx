/** Failures that need no decision, in the bottom right corner until dismissed. */
import { useStudio, useSlice } from '../app/studio.js';

export function Notifications() {
  const studio = useStudio();
  const items = useSlice(studio.notifications, (s) => s.items);
  if (items.length === 0) return null;
  return (
    <div className="notifications" role="status" aria-live="polite">
      {items.map((n) => (
        <div key={n.id} className={`notification is-${n.kind}`}>
          <span className={`codicon ${n.kind === 'error' ? 'codicon-error' : 'codicon-info'}`} aria-hidden="true" />
          <span className="notification-message">{n.message}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" title="Dismiss" onClick={() => studio.notifications.getState().dismiss(n.id)}>
            <span className="codicon codicon-close" aria-hidden="true" />
          </button>
        </div>
      ))}
    </div>
  );
}
