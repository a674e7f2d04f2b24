/**
 * The `connections` array of the workspace's `spl-workspace.json`: read, and changed by
 * read-modify-write through the Workspace (so writes are atomic and a concurrent edit is not
 * overwritten). Everything else in the file is the user's and is kept as it is: other keys, their
 * order, entries the studio cannot use, the indentation. Secrets never go into this file.
 */
import { StudioError, type ConnectionConfig, type RemoteConnectionKind } from '../../../../shared/studio/api.js';
import { validateCall } from '../../../../shared/studio/methods.js';
import type { Workspace } from '../workspace.js';

export const WORKSPACE_FILE = 'spl-workspace.json';

/** One entry of the array, usable or not. */
export type ConnectionEntry =
  | { ok: true; config: ConnectionConfig }
  /** Unusable, but with an id to show it by: listed with its problem as the connection's error. */
  | { ok: false; id: string; name: string; kind: RemoteConnectionKind; url: string; caFile?: string; problem: string };

export interface WorkspaceConnections {
  entries: ConnectionEntry[];
  /** What could not be shown in any connection's status (the file, entries without an id), for the log. */
  problems: string[];
}

const KINDS: readonly string[] = ['node', 'etcd', 'registry'];
/** The keys of a ConnectionConfig: the studio's part of an entry. */
const CONFIG_KEYS = ['id', 'name', 'kind', 'url', 'caFile'] as const;

/** `config` as an entry in place of `previous`: the user's own keys kept, the studio's replaced. */
export function mergeEntry(previous: unknown, config: ConnectionConfig): Record<string, unknown> {
  const kept = isObject(previous) ? Object.fromEntries(Object.entries(previous).filter(([key]) => !(CONFIG_KEYS as readonly string[]).includes(key))) : {};
  return { ...config, ...kept };
}

/** Reads the workspace's connections; a missing file means none, a broken one is reported, never thrown. */
export async function readConnections(workspace: Workspace): Promise<WorkspaceConnections> {
  const file = await readFile(workspace);
  if (file.kind === 'missing') return { entries: [], problems: [] };
  if (file.kind === 'broken') return { entries: [], problems: [file.problem] };
  const list = file.document.connections;
  if (list === undefined) return { entries: [], problems: [] };
  if (!Array.isArray(list)) return { entries: [], problems: [`${WORKSPACE_FILE}: "connections" must be an array of connections; the studio shows none until it is one`] };
  const entries: ConnectionEntry[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    const where = `${WORKSPACE_FILE}: connections[${index}]`;
    const entry = toEntry(raw, where);
    if (!entry) {
      problems.push(`${where} has no usable "id" (1 to 64 of a-z, 0-9, - and _, not "local"); the studio ignores it until it has one`);
      return;
    }
    const id = entry.ok ? entry.config.id : entry.id;
    if (seen.has(id)) {
      problems.push(`${where} repeats the id "${id}" of an earlier connection; the studio uses the first; give this one an id of its own`);
      return;
    }
    seen.add(id);
    entries.push(entry);
  });
  return { entries, problems };
}

/** An entry checked as `connections.save` checks its argument; undefined when it has no id to show it by. */
function toEntry(raw: unknown, where: string): ConnectionEntry | undefined {
  try {
    // Keys of the user's own (a note, a label) are theirs to keep, and no reason to refuse the entry.
    const known = isObject(raw) ? Object.fromEntries(CONFIG_KEYS.filter((key) => key in raw).map((key) => [key, raw[key]])) : raw;
    const [config] = validateCall('connections.save', [known]).args as [ConnectionConfig];
    return { ok: true, config };
  } catch (error) {
    if (!isObject(raw) || typeof raw.id !== 'string' || !/^[a-z0-9_-]{1,64}$/.test(raw.id) || raw.id === 'local') return undefined;
    const problem = (error as Error).message.replace(/^connections\.save: /, '');
    return {
      ok: false,
      id: raw.id,
      name: typeof raw.name === 'string' && raw.name.trim() !== '' ? raw.name : raw.id,
      kind: typeof raw.kind === 'string' && KINDS.includes(raw.kind) ? (raw.kind as RemoteConnectionKind) : 'node',
      url: typeof raw.url === 'string' ? raw.url : '',
      ...(typeof raw.caFile === 'string' ? { caFile: raw.caFile } : {}),
      problem: `${where} cannot be used: ${problem}; fix it in ${WORKSPACE_FILE} or save the connection again`,
    };
  }
}

/**
 * Changes the array: `edit` gets the entries as they are in the file (unusable ones included)
 * and returns the new ones. Refused, saying why, when the file is not JSON the studio can keep.
 */
export async function editConnections(workspace: Workspace, edit: (entries: unknown[]) => unknown[]): Promise<void> {
  // A change on disk between our read and write is a conflict: read again and redo the edit.
  for (let attempt = 0; ; attempt++) {
    const file = await readFile(workspace);
    if (file.kind === 'broken') throw new StudioError('conflict', `${file.problem}; fix it (or remove it) and save the connection again`);
    const document = file.kind === 'missing' ? {} : file.document;
    const current = document.connections ?? [];
    if (!Array.isArray(current)) throw new StudioError('conflict', `${WORKSPACE_FILE}: "connections" is not an array; make it one (or remove it) and save the connection again`);
    document.connections = edit([...current]);
    const indent = file.kind === 'missing' ? '  ' : file.indent;
    const newline = file.kind === 'missing' || file.finalNewline ? '\n' : '';
    try {
      await workspace.write(WORKSPACE_FILE, JSON.stringify(document, null, indent) + newline, file.kind === 'missing' ? {} : { expectedVersion: file.version });
      return;
    } catch (error) {
      if (!(error instanceof StudioError && error.code === 'conflict') || attempt >= 2) throw error;
    }
  }
}

type FileRead =
  | { kind: 'missing' }
  | { kind: 'broken'; problem: string }
  | { kind: 'ok'; document: Record<string, unknown>; version: string; indent: string; finalNewline: boolean };

async function readFile(workspace: Workspace): Promise<FileRead> {
  let text: string;
  let version: string;
  try {
    ({ text, version } = await workspace.read(WORKSPACE_FILE));
  } catch (error) {
    if (error instanceof StudioError && error.code === 'not-found') return { kind: 'missing' };
    return { kind: 'broken', problem: `cannot read ${WORKSPACE_FILE}: ${(error as Error).message}` };
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { kind: 'broken', problem: `${WORKSPACE_FILE} is not valid JSON (${(error as Error).message})` };
  }
  if (!isObject(document)) return { kind: 'broken', problem: `${WORKSPACE_FILE} must hold a JSON object ({"connections": [...]})` };
  return { kind: 'ok', document, version, indent: indentOf(text), finalNewline: text.endsWith('\n') };
}

/** The file's own indentation (its first indented line), so a save does not reformat it; two spaces if none. */
function indentOf(text: string): string {
  return /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
