/**
 * The request being composed: its target (connection, node, protocol, message), its body as
 * Avro JSON text (the one source of truth: the form derives its value from it and writes back
 * into it), metadata rows, deadline, the active environment, the call in flight and the last
 * result. `{{name}}` in the body and metadata values is replaced at send time from the active
 * environment of `spl-workspace.json`; an unknown name stops the send and says which and where.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { toAvroJson } from '../../../shared/avro/avro-json.js';
import { toJsonText } from '../../../shared/avro/json-text.js';
import { requestSchema, type Message } from '../../../shared/avro/model.js';
import type { CallRequest, CallResult, HistoryEntry, NodeDescription, StudioApi } from '../../../shared/studio/api.js';
import { readEnvironments, substitute, writeEnvironments, type Environments } from '../../../shared/studio/environment.js';
import { savedRequestBody, type SavedRequest } from '../../../shared/studio/saved-requests.js';
import { valueFor } from '../composer/form/SchemaForm.js';
import { isCompleteTarget, messageOf, NO_TARGET, type ComposerTarget } from '../composer/target-schema.js';
import { SETTINGS_FILE } from '../workspace/workspace-settings.js';

export type { ComposerTarget } from '../composer/target-schema.js';

export interface MetadataRow {
  id: number;
  key: string;
  /** May use `{{name}}`. */
  value: string;
  enabled: boolean;
}

/** A result as the response panel shows it: from a call just made, or from the history. */
export type ShownResult = Omit<CallResult, 'callId' | 'historyId'> & { historyId?: string };

/** What a call sends, without its id: variables replaced, disabled and empty metadata rows left out. */
export type PreparedRequest = Omit<CallRequest, 'callId'>;

/** Where the request in the composer came from, so saving it again can replace it. */
export interface RequestOrigin {
  /** The collection file. */
  path: string;
  /** The saved request's name in it. */
  name: string;
}

export interface ComposerState {
  target: ComposerTarget;
  body: string;
  metadata: MetadataRow[];
  /** Null: the host's default. */
  deadlineMs: number | null;
  /** The active environment's name; null for none. */
  environment: string | null;
  environments: Environments;
  /** The settings file as last read: its text and version; null while it does not exist. */
  settings: { text: string; version: string } | null;
  /** Why the environments could not be read or written, for people. */
  environmentsError: string | null;
  /** The call in flight. */
  callId: string | null;
  result: ShownResult | null;
  /** The target and request the result answers (the composer may have moved on since). */
  resultTarget: ComposerTarget | null;
  resultRequest: PreparedRequest | null;
  /** Why the last send did not go out. */
  problem: string | null;
  origin: RequestOrigin | null;

  /** Changes part of the target (the pickers); choosing another message refills the body through open(). */
  setTarget(patch: Partial<ComposerTarget>): void;
  /** Shows a message in the composer; fills the body with its defaults when empty or for another message. */
  open(target: ComposerTarget): Promise<void>;
  setBody(text: string): void;
  /** Replaces the body with the message's defaults or an example; false when the message is unknown. */
  fill(kind: 'defaults' | 'example'): Promise<boolean>;
  addMetadata(row?: Partial<Omit<MetadataRow, 'id'>>): void;
  updateMetadata(id: number, patch: Partial<Omit<MetadataRow, 'id'>>): void;
  removeMetadata(id: number): void;
  setDeadline(ms: number | null): void;
  setEnvironment(name: string | null): void;
  loadEnvironments(): Promise<void>;
  /** Writes the environments into spl-workspace.json, refusing if it changed on disk since it was read. */
  saveEnvironments(environments: Environments): Promise<boolean>;
  /** The request as send() would send it, or why it cannot be sent. */
  prepare(): { request: PreparedRequest } | { error: string };
  send(): Promise<ShownResult | null>;
  cancel(): Promise<void>;
  /** Puts a history entry back in the composer: its request and its result. */
  loadEntry(entry: HistoryEntry): void;
  loadSaved(request: SavedRequest, path: string): void;
  setOrigin(origin: RequestOrigin | null): void;
}

export type ComposerStore = StoreApi<ComposerState>;

export interface ComposerDeps {
  api: Pick<StudioApi, 'call' | 'workspace' | 'on'>;
  /** Describes a node (the connections store caches it). */
  describe(connectionId: string, nodeId: string): Promise<NodeDescription | undefined>;
  notify(message: string, kind?: 'error' | 'info'): void;
}

const VARIABLE = /\{\{/;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function rowsOf(metadata: Record<string, string> | undefined, nextId: () => number): MetadataRow[] {
  return Object.entries(metadata ?? {}).map(([key, value]) => ({ id: nextId(), key, value, enabled: true }));
}

export function createComposerStore(deps: ComposerDeps): ComposerStore {
  let rowSeq = 0;
  let callSeq = 0;
  const nextRowId = () => ++rowSeq;

  return createStore<ComposerState>()((set, get) => {
    /** The message of the current target, describing its node first if needed. */
    const currentMessage = async (): Promise<Message | { error: string }> => {
      const target = get().target;
      if (!isCompleteTarget(target)) return { error: 'Pick a connection, node, protocol and message first.' };
      const description = await deps.describe(target.connectionId, target.nodeId);
      if (!description) return { error: `Node ${target.nodeId} could not be described, so its messages are unknown.` };
      const found = messageOf(description, target);
      if (!found) return { error: `${target.protocol}.${target.message} is unknown.` };
      return 'error' in found ? found : found.message;
    };

    const readSettings = async (): Promise<void> => {
      try {
        const file = await deps.api.workspace.read(SETTINGS_FILE);
        const read = readEnvironments(file.text);
        set({ settings: { text: file.text, version: file.version }, environments: read.environments, environmentsError: read.error ? `${SETTINGS_FILE}: ${read.error}` : null });
      } catch (error) {
        if ((error as { code?: unknown }).code === 'not-found') set({ settings: null, environments: {}, environmentsError: null });
        else set({ environmentsError: `Could not read ${SETTINGS_FILE}: ${errorText(error)}` });
      }
      const active = get().environment;
      if (active !== null && !(active in get().environments)) set({ environment: null });
    };

    // The file may change in an editor tab or outside the studio: follow it.
    deps.api.on('workspace.change', (change) => {
      if (change.path !== SETTINGS_FILE) return;
      if (change.type !== 'deleted' && change.version === get().settings?.version) return;
      void readSettings();
    });

    return {
      target: NO_TARGET,
      body: '',
      metadata: [],
      deadlineMs: null,
      environment: null,
      environments: {},
      settings: null,
      environmentsError: null,
      callId: null,
      result: null,
      resultTarget: null,
      resultRequest: null,
      problem: null,
      origin: null,

      setTarget(patch) {
        set({ target: { ...get().target, ...patch }, problem: null });
      },

      async open(target) {
        const before = get().target;
        const otherMessage = before.protocol !== target.protocol || before.message !== target.message;
        set({ target, problem: null, ...(otherMessage ? { origin: null } : {}) });
        if (otherMessage || get().body.trim() === '') await get().fill('defaults');
      },

      setBody(body) {
        set({ body });
      },

      async fill(kind) {
        const target = get().target;
        const message = await currentMessage();
        // The user picked another target meanwhile: that one's fill wins.
        if (get().target !== target) return false;
        if ('error' in message) {
          set({ problem: message.error });
          return false;
        }
        const schema = requestSchema(message);
        try {
          set({ body: toJsonText(toAvroJson(schema, valueFor(schema, kind))), problem: null });
          return true;
        } catch (error) {
          set({ problem: `Could not build ${kind === 'defaults' ? 'the defaults' : 'an example'} of ${message.name}: ${errorText(error)}` });
          return false;
        }
      },

      addMetadata(row = {}) {
        set({ metadata: [...get().metadata, { id: nextRowId(), key: '', value: '', enabled: true, ...row }] });
      },

      updateMetadata(id, patch) {
        set({ metadata: get().metadata.map((r) => (r.id === id ? { ...r, ...patch } : r)) });
      },

      removeMetadata(id) {
        set({ metadata: get().metadata.filter((r) => r.id !== id) });
      },

      setDeadline(ms) {
        set({ deadlineMs: ms });
      },

      setEnvironment(name) {
        set({ environment: name, problem: null });
      },

      loadEnvironments: readSettings,

      async saveEnvironments(environments) {
        const settings = get().settings;
        let text: string;
        try {
          text = writeEnvironments(settings?.text ?? '', environments);
        } catch (error) {
          set({ environmentsError: `Could not write the environments into ${SETTINGS_FILE}: ${errorText(error)}` });
          return false;
        }
        try {
          // A file that did not exist must still not exist: expect no version then.
          const { version } = await deps.api.workspace.write(SETTINGS_FILE, text, settings ? { expectedVersion: settings.version } : undefined);
          set({ settings: { text, version }, environments, environmentsError: null });
          const active = get().environment;
          if (active !== null && !(active in environments)) set({ environment: null });
          return true;
        } catch (error) {
          if ((error as { code?: unknown }).code === 'conflict') {
            await readSettings();
            set({ environmentsError: `Not saved: ${SETTINGS_FILE} changed on disk since it was read. It has been read again; your edits are still in the form: save again to overwrite.` });
          } else {
            set({ environmentsError: `Could not save ${SETTINGS_FILE}: ${errorText(error)}` });
          }
          return false;
        }
      },

      prepare() {
        const { target, body, metadata, deadlineMs, environment, environments } = get();
        if (!isCompleteTarget(target)) return { error: 'Pick a connection, node, protocol and message to call.' };
        const vars = environment !== null ? environments[environment] ?? {} : {};
        const replace = (text: string, where: string): { text: string } | { error: string } => {
          if (!VARIABLE.test(text)) return { text };
          const result = substitute(text, vars);
          if (!('error' in result)) return result;
          return environment === null
            ? { error: `${where}: ${result.error} No environment is active: pick one beside the Send button.` }
            : { error: `${where} (environment "${environment}"): ${result.error}` };
        };
        const sentBody = replace(body, 'In the body');
        if ('error' in sentBody) return sentBody;
        const sentMetadata: Record<string, string> = {};
        for (const row of metadata) {
          const key = row.key.trim();
          if (!row.enabled || key === '') continue;
          if (Object.prototype.hasOwnProperty.call(sentMetadata, key)) return { error: `Metadata "${key}" is set twice: disable or remove one of the rows.` };
          const value = replace(row.value, `In metadata "${key}"`);
          if ('error' in value) return value;
          sentMetadata[key] = value.text;
        }
        const request: PreparedRequest = { connectionId: target.connectionId, nodeId: target.nodeId, protocol: target.protocol, message: target.message, body: sentBody.text };
        if (Object.keys(sentMetadata).length > 0) request.metadata = sentMetadata;
        if (deadlineMs !== null) request.deadlineMs = deadlineMs;
        return { request };
      },

      async send() {
        if (get().callId !== null) return null;
        const prepared = get().prepare();
        if ('error' in prepared) {
          set({ problem: prepared.error });
          return null;
        }
        const target = get().target;
        const callId = `call-${++callSeq}`;
        set({ callId, problem: null });
        try {
          const { callId: _id, ...result } = await deps.api.call.send({ callId, ...prepared.request });
          set({ result, resultTarget: target, resultRequest: prepared.request });
          return result;
        } catch (error) {
          // The host refused the arguments themselves (a call that fails has an outcome instead).
          set({ problem: `The call was not sent: ${errorText(error)}` });
          return null;
        } finally {
          if (get().callId === callId) set({ callId: null });
        }
      },

      async cancel() {
        const callId = get().callId;
        if (callId === null) return;
        try {
          await deps.api.call.cancel(callId);
        } catch (error) {
          deps.notify(`Could not cancel the call: ${errorText(error)}`);
        }
      },

      loadEntry(entry) {
        const { request } = entry;
        const target: ComposerTarget = { connectionId: request.connectionId, nodeId: request.nodeId, protocol: request.protocol, message: request.message };
        set({
          target,
          body: request.body,
          metadata: rowsOf(request.metadata, nextRowId),
          deadlineMs: request.deadlineMs ?? null,
          result: { ...entry.result, historyId: entry.id },
          resultTarget: target,
          resultRequest: request,
          problem: null,
          origin: null,
        });
      },

      loadSaved(saved, path) {
        set({
          target: { connectionId: saved.connectionId, nodeId: saved.nodeId, protocol: saved.protocol, message: saved.message },
          body: savedRequestBody(saved),
          metadata: rowsOf(saved.metadata, nextRowId),
          deadlineMs: saved.deadlineMs ?? null,
          problem: null,
          origin: { path, name: saved.name },
        });
      },

      setOrigin(origin) {
        set({ origin });
      },
    };
  });
}
