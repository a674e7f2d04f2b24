/**
 * Adds a connection, or edits one: its kind, name, URL, token and (for https/tcps) the CA file
 * to trust. Checks what it can before saving and says so next to the field; what the host
 * refuses (an unreachable etcd, a bad CA file) is shown in the dialog, which stays open.
 * Editing keeps the stored token unless the user types a new one or clears it.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ConnectionStatus } from '../../../shared/studio/api.js';
import { useStudio, useSlice } from '../app/studio.js';
import { FormField } from '../components/FormField.js';
import { errorMessage } from '../stores/documents-store.js';
import {
  CONNECTION_KINDS,
  connectionIdFor,
  emptyForm,
  formFrom,
  hasErrors,
  isSecureUrl,
  kindInfo,
  toSave,
  validateForm,
  type ConnectionForm,
  type FormErrors,
} from './connection-form.js';
import './connections.css';

export interface ConnectionDialogProps {
  /** The connection to edit; omitted to add one. */
  editing?: ConnectionStatus;
  onClose(): void;
  onSaved?(status: ConnectionStatus): void;
}

export function ConnectionDialog({ editing, onClose, onSaved }: ConnectionDialogProps) {
  const studio = useStudio();
  const connections = useSlice(studio.connections, (s) => s.connections);
  const [form, setForm] = useState<ConnectionForm>(() => (editing ? formFrom(editing) : emptyForm()));
  // Errors show once the user has tried to save, then follow every keystroke.
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [hostError, setHostError] = useState<string>();
  const ref = useRef<HTMLFormElement>(null);
  const titleId = useId();
  const fieldId = useId();

  const errors: FormErrors = useMemo(() => (tried ? validateForm(form) : {}), [tried, form]);
  // An edited connection keeps its id; a new one takes its name's slug, unique in the workspace.
  const id = useMemo(() => editing?.id ?? connectionIdFor(form.name, connections.map((c) => c.id)), [editing, form.name, connections]);
  const info = kindInfo(form.kind);
  const secure = isSecureUrl(form.url);

  useEffect(() => {
    // Focus the first field, and give focus back to what opened the dialog when it closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector<HTMLElement>('input[name="name"]')?.focus();
    return () => opener?.focus();
  }, []);

  const update = (patch: Partial<ConnectionForm>): void => {
    setForm((f) => ({ ...f, ...patch }));
    setHostError(undefined);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (saving) return;
    setTried(true);
    const problems = validateForm(form);
    if (hasErrors(problems)) {
      const first = Object.keys(problems)[0];
      ref.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setSaving(true);
    setHostError(undefined);
    const { config, secrets } = toSave(form, id);
    try {
      const status = await studio.connections.getState().save(config, secrets);
      onSaved?.(status);
      onClose();
    } catch (error) {
      setHostError(errorMessage(error));
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Tab') {
      // Keep focus inside the dialog.
      const focusable = [...(ref.current?.querySelectorAll<HTMLElement>('input:not([disabled]), button:not([disabled])') ?? [])];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  };

  const described = (field: keyof FormErrors, hint?: boolean) =>
    [errors[field] ? `${fieldId}-${field}-error` : '', hint ? `${fieldId}-${field}-hint` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <div className="dialog-backdrop" data-modal>
      <form
        ref={ref}
        className="dialog connection-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onSubmit={(e) => void submit(e)}
        onKeyDown={onKeyDown}
        noValidate
      >
        <h2 id={titleId} className="dialog-title">{editing ? `Edit ${editing.name}` : 'Add connection'}</h2>

        <fieldset className="connection-kinds">
          <legend className="field-label">Kind</legend>
          {CONNECTION_KINDS.map((k) => (
            <label key={k.kind} className={`connection-kind${form.kind === k.kind ? ' is-checked' : ''}`}>
              <input type="radio" name="kind" value={k.kind} checked={form.kind === k.kind} onChange={() => update({ kind: k.kind })} />
              {k.label}
            </label>
          ))}
        </fieldset>

        <FormField id={`${fieldId}-name`} label="Name" error={errors.name} errorId={`${fieldId}-name-error`}
          hint={editing || form.name.trim() === '' ? undefined : <>Saved in the workspace as <code>{id}</code>.</>} hintId={`${fieldId}-name-hint`}>
          <input
            id={`${fieldId}-name`}
            name="name"
            className="field-input"
            value={form.name}
            placeholder="Staging cluster"
            autoComplete="off"
            aria-invalid={!!errors.name}
            aria-describedby={described('name', !editing && form.name.trim() !== '')}
            onChange={(e) => update({ name: e.target.value })}
          />
        </FormField>

        <FormField id={`${fieldId}-url`} label="URL" error={errors.url} errorId={`${fieldId}-url-error`} hint={info.hint} hintId={`${fieldId}-url-hint`}>
          <input
            id={`${fieldId}-url`}
            name="url"
            className="field-input is-mono"
            value={form.url}
            placeholder={info.placeholder}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={!!errors.url}
            aria-describedby={described('url', true)}
            onChange={(e) => update({ url: e.target.value })}
          />
        </FormField>

        <FormField id={`${fieldId}-token`} label="Token (optional)" error={errors.token} errorId={`${fieldId}-token-error`}
          hint={tokenHint(form)} hintId={`${fieldId}-token-hint`}>
          <div className="field-row">
            <input
              id={`${fieldId}-token`}
              name="token"
              type="password"
              className="field-input is-mono"
              value={form.token}
              placeholder={form.tokenAction === 'keep' ? 'A token is stored: type to replace it' : form.tokenAction === 'clear' ? 'No token' : ''}
              autoComplete="new-password"
              aria-invalid={!!errors.token}
              aria-describedby={described('token', true)}
              onChange={(e) => update({ token: e.target.value, tokenAction: e.target.value === '' && editing?.hasToken ? 'keep' : 'replace' })}
            />
            {editing?.hasToken && form.tokenAction !== 'clear' && (
              <button type="button" className="button" onClick={() => update({ token: '', tokenAction: 'clear' })}>Clear stored token</button>
            )}
            {editing?.hasToken && form.tokenAction === 'clear' && (
              <button type="button" className="button" onClick={() => update({ tokenAction: 'keep' })}>Keep stored token</button>
            )}
          </div>
        </FormField>

        {secure && (
          <FormField id={`${fieldId}-ca`} label="CA file (optional)" error={errors.caFile} errorId={`${fieldId}-caFile-error`}
            hint="A PEM file on the host machine with the certificate authority to trust; leave empty for the system's." hintId={`${fieldId}-caFile-hint`}>
            <input
              id={`${fieldId}-ca`}
              name="caFile"
              className="field-input is-mono"
              value={form.caFile}
              placeholder="/etc/ssl/certs/my-ca.pem"
              autoComplete="off"
              spellCheck={false}
              aria-invalid={!!errors.caFile}
              aria-describedby={described('caFile', true)}
              onChange={(e) => update({ caFile: e.target.value })}
            />
          </FormField>
        )}

        {hostError && (
          <p className="connection-dialog-error" role="alert">
            <span className="codicon codicon-error" aria-hidden="true" />
            <span>{hostError}</span>
          </p>
        )}

        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button is-primary" disabled={saving}>
            {saving ? 'Connecting…' : editing ? 'Save' : 'Add'}
          </button>
        </div>
      </form>
    </div>
  );
}

function tokenHint(form: ConnectionForm): string {
  const where = 'Stored in your user settings, not in the workspace.';
  if (form.tokenAction === 'clear') return `The stored token will be forgotten when you save. ${where}`;
  return where;
}

/** The dialog as state: open it to add or edit, render `element` where it should mount. */
export function useConnectionDialog(onSaved?: (status: ConnectionStatus) => void) {
  const [state, setState] = useState<{ editing?: ConnectionStatus } | null>(null);
  const element = state ? <ConnectionDialog editing={state.editing} onClose={() => setState(null)} onSaved={onSaved} /> : null;
  return {
    openNew: () => setState({}),
    openEdit: (connection: ConnectionStatus) => setState({ editing: connection }),
    element,
  };
}
