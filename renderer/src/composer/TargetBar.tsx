/**
 * What to call and how: connection → node → protocol → message pickers (a node is described
 * when picked), the deadline, the environment whose variables fill `{{name}}`, and Send (or
 * Cancel while the call is in flight).
 */
import { useEffect, type ReactNode } from 'react';
import { useSlice, useStudio } from '../app/studio.js';
import { formatKeybinding } from '../commands/keybinding.js';
import { nodeKey } from '../stores/connections-store.js';
import { protocolOf } from './target-schema.js';

const NONE = '';

/** A labelled select that keeps showing a value no longer offered (a history entry's old node). */
function Picker(props: { label: string; value: string; options: { value: string; label: string }[]; placeholder: string; onChange(value: string): void; disabled?: boolean; note?: ReactNode }) {
  const { label, value, options, placeholder, onChange, disabled, note } = props;
  const known = value === NONE || options.some((o) => o.value === value);
  return (
    <label className="target-picker">
      <span className="target-picker-label">{label}</span>
      <select className="input" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} aria-label={label}>
        <option value={NONE} disabled>
          {placeholder}
        </option>
        {!known && <option value={value}>{value} (not available)</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {note}
    </label>
  );
}

export function TargetBar() {
  const studio = useStudio();
  const { composer, connections } = studio;
  const target = useSlice(composer, (s) => s.target);
  const inFlight = useSlice(composer, (s) => s.callId !== null);
  const deadlineMs = useSlice(composer, (s) => s.deadlineMs);
  const environment = useSlice(composer, (s) => s.environment);
  const environments = useSlice(composer, (s) => s.environments);
  const connectionList = useSlice(connections, (s) => s.connections);
  const nodes = useSlice(connections, (s) => s.nodes[target.connectionId]);
  const slot = useSlice(connections, (s) => (target.nodeId ? s.descriptions[nodeKey(target.connectionId, target.nodeId)] : undefined));
  const description = slot?.value;

  // Nodes are described when picked (and when a request is loaded from elsewhere).
  useEffect(() => {
    if (target.connectionId && target.nodeId && !slot) void connections.getState().describe(target.connectionId, target.nodeId);
  }, [connections, target.connectionId, target.nodeId, slot]);

  const read = description && target.protocol ? protocolOf(description, target.protocol) : undefined;
  const messages = read && 'protocol' in read ? read.protocol.messages : [];
  const set = composer.getState().setTarget;

  const pickConnection = (connectionId: string) => {
    const list = connections.getState().nodes[connectionId] ?? [];
    // A lone node needs no choosing.
    set({ connectionId, nodeId: list.length === 1 ? list[0].nodeId : NONE, protocol: NONE, message: NONE });
  };
  const pickNode = (nodeId: string) => {
    set({ nodeId, protocol: NONE, message: NONE });
    void connections.getState().describe(target.connectionId, nodeId).then((d) => {
      const now = composer.getState().target;
      // One protocol: pick it, as for a lone node.
      if (d && d.protocols.length === 1 && now.nodeId === nodeId && now.protocol === NONE) set({ protocol: d.protocols[0].name });
    });
  };
  const pickMessage = (message: string) => void composer.getState().open({ ...target, message });

  const sendKey = formatKeybinding('Mod+Enter');
  const nodeNote = slot?.status === 'loading' ? <span className="target-note">describing…</span> : slot?.status === 'error' ? <span className="target-note is-error" title={slot.error}>could not describe</span> : null;

  return (
    <div className="target-bar" role="toolbar" aria-label="Request target">
      <Picker label="Connection" value={target.connectionId} placeholder="Connection…" options={connectionList.map((c) => ({ value: c.id, label: c.name }))} onChange={pickConnection} />
      <Picker
        label="Node"
        value={target.nodeId}
        placeholder={target.connectionId ? (nodes?.length ? 'Node…' : 'No nodes') : 'Node…'}
        disabled={!target.connectionId}
        options={(nodes ?? []).map((n) => ({ value: n.nodeId, label: n.health === 'up' ? n.nodeId : `${n.nodeId} (unreachable)` }))}
        onChange={pickNode}
        note={nodeNote}
      />
      <Picker
        label="Protocol"
        value={target.protocol}
        placeholder="Protocol…"
        disabled={!description}
        options={(description?.protocols ?? []).map((p) => ({ value: p.name, label: p.name }))}
        onChange={(protocol) => set({ protocol, message: NONE })}
      />
      <Picker
        label="Message"
        value={target.message}
        placeholder="Message…"
        disabled={messages.length === 0}
        options={messages.map((m) => ({ value: m.name, label: m.oneWay ? `${m.name} (one-way)` : m.name }))}
        onChange={pickMessage}
      />
      <label className="target-picker is-narrow">
        <span className="target-picker-label">Deadline (ms)</span>
        <input
          className="input"
          type="number"
          min={1}
          max={3_600_000}
          step={100}
          placeholder="default"
          aria-label="Deadline in milliseconds"
          value={deadlineMs ?? ''}
          onChange={(e) => {
            const ms = e.target.valueAsNumber;
            composer.getState().setDeadline(Number.isFinite(ms) && ms >= 1 ? Math.min(3_600_000, Math.round(ms)) : null);
          }}
        />
      </label>
      <label className="target-picker">
        <span className="target-picker-label">Environment</span>
        <select className="input" aria-label="Environment" value={environment ?? NONE} onChange={(e) => composer.getState().setEnvironment(e.target.value === NONE ? null : e.target.value)}>
          <option value={NONE}>No environment</option>
          {Object.keys(environments).map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <span className="target-send">
        {inFlight ? (
          <button type="button" className="button is-danger" title="Cancel the call (Escape)" onClick={() => void composer.getState().cancel()}>
            <span className="codicon codicon-debug-stop" aria-hidden="true" /> Cancel
          </button>
        ) : (
          <button type="button" className="button is-primary" title={`Send (${sendKey})`} onClick={() => void composer.getState().send()}>
            <span className="codicon codicon-send" aria-hidden="true" /> Send
          </button>
        )}
      </span>
    </div>
  );
}
