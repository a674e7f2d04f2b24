/**
 * The pieces every details pane is made of (explorer, cluster, connections): a header with a
 * title and actions, facts as a definition list, titled sections, and a notice for what is
 * loading, failed or gone, with what to do.
 */
import type { ReactNode } from 'react';
import './details.css';

export function DetailsHeader(props: { icon: string; title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="details-header">
      <span className={`details-icon codicon ${props.icon}`} aria-hidden="true" />
      <div className="details-heading">
        <h1 className="details-title">{props.title}</h1>
        {props.subtitle && <p className="details-subtitle">{props.subtitle}</p>}
      </div>
      {props.actions && <div className="details-actions">{props.actions}</div>}
    </header>
  );
}

export function Facts({ items }: { items: [label: string, value: ReactNode][] }) {
  return (
    <dl className="details-facts">
      {items.map(([label, value]) => (
        <div key={label} className="details-fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Section({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="details-section" aria-label={title}>
      <h2 className="details-section-title">
        <span>{title}</span>
        {aside}
      </h2>
      {children}
    </section>
  );
}

export function Notice({ tone, children, action }: { tone: 'muted' | 'loading' | 'error' | 'warning'; children: ReactNode; action?: ReactNode }) {
  const icon = { muted: 'codicon-info', loading: 'codicon-loading codicon-modifier-spin', error: 'codicon-error', warning: 'codicon-warning' }[tone];
  return (
    <div className={`details-notice is-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span className={`codicon ${icon}`} aria-hidden="true" />
      <div className="details-notice-text">{children}</div>
      {action}
    </div>
  );
}

export function Chips({ entries }: { entries: string[] }) {
  if (entries.length === 0) return <span className="details-none">none</span>;
  return (
    <span className="chips">
      {entries.map((e) => (
        <span key={e} className="chip">{e}</span>
      ))}
    </span>
  );
}

export const capabilityChips = (capabilities: Record<string, string>) => Object.entries(capabilities).map(([k, v]) => `${k}=${v}`);
