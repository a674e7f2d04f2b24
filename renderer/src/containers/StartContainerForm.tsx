/**
 * Starts a container running an SPL node on a node's engine: the image (the usual one is only
 * a hint), an optional name and port, and environment variables. The node answers once the
 * node inside does, which can take a while, so the form stays busy meanwhile; then it says
 * what started and that its node joins the connection within a poll, and links to that node
 * once the cluster lists it. What the node refuses is shown with its own message.
 */
import { useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ClusterNode, ContainerSummary } from '../../../shared/studio/api.js';
import { useStudio, useSlice } from '../app/studio.js';
import { FormField } from '../components/FormField.js';
import { errorMessage } from '../stores/documents-store.js';
import { IMAGE_HINT, nodeOfContainer, shortContainerId } from './container-facts.js';
import { containersStoreOf } from './containers-store.js';
import { EnvRows } from './EnvRows.js';
import { emptyStartForm, hasStartErrors, startRequest, validateStartForm, type StartForm, type StartFormErrors } from './start-form.js';
import '../connections/connections.css';
import './containers.css';

const NO_NODES: readonly ClusterNode[] = [];

export interface StartContainerFormProps {
  host: ClusterNode;
  /** Where the new node shows up, for the message after starting: "the node table". */
  nodesShowIn: string;
  onShowNode?(node: ClusterNode): void;
}

export function StartContainerForm({ host, nodesShowIn, onShowNode }: StartContainerFormProps) {
  const studio = useStudio();
  const [form, setForm] = useState<StartForm>(emptyStartForm);
  // Errors show once the user has tried to start, then follow every keystroke.
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string>();
  const [started, setStarted] = useState<ContainerSummary>();
  const nodes = useSlice(studio.connections, (s) => s.nodes[host.connectionId]) ?? NO_NODES;
  const ref = useRef<HTMLFormElement>(null);
  const id = useId();

  const errors: StartFormErrors = useMemo(() => (tried ? validateStartForm(form) : {}), [tried, form]);
  const joined = started ? nodeOfContainer(host, started.containerId, nodes) : undefined;

  const update = (patch: Partial<StartForm>): void => {
    setForm((f) => ({ ...f, ...patch }));
    setHostError(undefined);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setTried(true);
    const problems = validateStartForm(form);
    if (hasStartErrors(problems)) {
      const first = problems.image ? 'image' : problems.name ? 'name' : problems.port ? 'port' : `env-${Object.keys(problems.env ?? {})[0]}`;
      ref.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const { image, config } = startRequest(form);
    setBusy(true);
    setHostError(undefined);
    setStarted(undefined);
    try {
      setStarted(await containersStoreOf(studio).getState().start(host.connectionId, host.nodeId, image, config));
      // A name can be used once; the image and the rest usually serve the next container too.
      setForm((f) => ({ ...f, name: '' }));
      setTried(false);
    } catch (error) {
      setHostError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const describedBy = (field: 'image' | 'name' | 'port', hint: boolean) =>
    [errors[field] ? `${id}-${field}-error` : '', hint ? `${id}-${field}-hint` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <form ref={ref} className="container-start" aria-label={`Start a container on ${host.nodeId}`} onSubmit={(e) => void submit(e)} noValidate>
      <FormField id={`${id}-image`} label="Image" error={errors.image} errorId={`${id}-image-error`}
        hint="An image of an SPL node, labelled spl.avro.services." hintId={`${id}-image-hint`}>
        <input id={`${id}-image`} name="image" className="field-input is-mono" value={form.image} placeholder={IMAGE_HINT}
          autoComplete="off" spellCheck={false} disabled={busy} aria-invalid={!!errors.image} aria-describedby={describedBy('image', true)}
          onChange={(e) => update({ image: e.target.value })} />
      </FormField>
      <FormField id={`${id}-name`} label="Name (optional)" error={errors.name} errorId={`${id}-name-error`}
        hint="The container's name and its node's id." hintId={`${id}-name-hint`}>
        <input id={`${id}-name`} name="name" className="field-input is-mono" value={form.name} placeholder="ml-1"
          autoComplete="off" spellCheck={false} disabled={busy} aria-invalid={!!errors.name} aria-describedby={describedBy('name', true)}
          onChange={(e) => update({ name: e.target.value })} />
      </FormField>
      <FormField id={`${id}-port`} label="Port (optional)" error={errors.port} errorId={`${id}-port-error`}
        hint="The node's HTTP port on the host's loopback; empty for a free one." hintId={`${id}-port-hint`}>
        <input id={`${id}-port`} name="port" className="field-input is-mono" value={form.port} placeholder="7410" inputMode="numeric"
          autoComplete="off" disabled={busy} aria-invalid={!!errors.port} aria-describedby={describedBy('port', true)}
          onChange={(e) => update({ port: e.target.value })} />
      </FormField>
      <div className="field">
        <span className="field-label">Environment (optional)</span>
        <EnvRows rows={form.env} errors={errors.env} idPrefix={id} disabled={busy} onChange={(env) => update({ env })} />
      </div>

      {hostError && (
        <p className="container-error" role="alert">
          <span className="codicon codicon-error" aria-hidden="true" />
          <span>Could not start a container on {host.nodeId}: {hostError}</span>
        </p>
      )}
      {started && <Started container={started} joined={joined} nodesShowIn={nodesShowIn} onShowNode={onShowNode} />}

      <div className="container-start-actions">
        <button type="submit" className="button is-primary" disabled={busy}>
          {busy ? <><span className="codicon codicon-loading codicon-modifier-spin" aria-hidden="true" /> Starting…</> : 'Start container'}
        </button>
        {busy && <span className="field-hint">Waiting for the node inside to answer…</span>}
      </div>
    </form>
  );
}

function Started({ container, joined, nodesShowIn, onShowNode }: { container: ContainerSummary; joined?: ClusterNode; nodesShowIn: string; onShowNode?(node: ClusterNode): void }) {
  const id = shortContainerId(container.containerId);
  const where = container.endpoint ? <> at <code>{container.endpoint}</code></> : null;
  let next: ReactNode;
  if (joined) {
    next = <>Its node <strong>{joined.nodeId}</strong> has joined.{onShowNode && <> <button type="button" className="link-button" onClick={() => onShowNode(joined)}>Show it</button></>}</>;
  } else if (container.endpoint) {
    next = <>Its node appears in {nodesShowIn} within a poll.</>;
  } else {
    next = <>It serves no Avro RPC, so no node of it joins.</>;
  }
  return (
    <p className="container-started" role="status">
      <span className="codicon codicon-pass" aria-hidden="true" />
      <span>Started {id} from {container.image}{where}. {next}</span>
    </p>
  );
}

