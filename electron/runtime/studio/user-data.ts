/**
 * The user's own studio settings, outside any workspace: where they live, and the secrets store.
 * Tokens never go into a workspace (it is meant for git); they are kept here per workspace and
 * connection, in one JSON file only the user can read.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeAtomic } from './atomic-write.js';
import { osCode } from './fs-errors.js';

/**
 * The studio's per-user folder: `explicit`, else `$SPL_STUDIO_USER_DATA`, else
 * `$XDG_CONFIG_HOME/spl-studio`, else `~/.config/spl-studio`.
 */
export function userDataDir(explicit?: string): string {
  if (explicit) return path.resolve(explicit);
  const env = process.env;
  if (env.SPL_STUDIO_USER_DATA) return path.resolve(env.SPL_STUDIO_USER_DATA);
  if (env.XDG_CONFIG_HOME) return path.join(path.resolve(env.XDG_CONFIG_HOME), 'spl-studio');
  return path.join(os.homedir(), '.config', 'spl-studio');
}

export const SECRETS_FILE = 'secrets.json';

/** The file's shape: tokens by workspace root, then by connection id. */
interface SecretsDocument {
  version: 1;
  workspaces: Record<string, Record<string, { token: string }>>;
}

export interface SecretsStoreOptions {
  /** Where a damaged file is reported (default: stderr). */
  log?: (message: string) => void;
}

/**
 * Tokens per (workspace root, connection id) in `<dir>/secrets.json`: the folder made 0700, the
 * file written 0600 and atomically. Each change reads the file again first, so two studios on
 * one machine do not undo each other's tokens. A damaged file is reported and read as empty,
 * and moved aside to `secrets.json.corrupt-<time>` before a new one is written, never lost.
 */
export class SecretsStore {
  private document: SecretsDocument;
  /** Changes run one at a time: each is a read, a change and a write of the whole file. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    readonly file: string,
    private readonly log: (message: string) => void,
    loaded: SecretsDocument,
  ) {
    this.document = loaded;
  }

  static async open(dir: string, options: SecretsStoreOptions = {}): Promise<SecretsStore> {
    const log = options.log ?? ((message: string) => process.stderr.write(message + '\n'));
    const absolute = path.resolve(dir);
    const file = path.join(absolute, SECRETS_FILE);
    const read = await readSecrets(file);
    if (read.problem) log(`${read.problem}; the studio starts with no stored tokens and keeps the damaged file aside when it next saves one`);
    return new SecretsStore(absolute, file, log, read.document);
  }

  /** The token stored for a connection of the workspace at `root`. */
  get(root: string, connectionId: string): string | undefined {
    return this.document.workspaces[root]?.[connectionId]?.token;
  }

  async set(root: string, connectionId: string, token: string): Promise<void> {
    await this.change((document) => {
      const workspace = (document.workspaces[root] ??= emptyMap());
      if (workspace[connectionId]?.token === token) return false;
      workspace[connectionId] = { token };
      return true;
    });
  }

  async delete(root: string, connectionId: string): Promise<void> {
    await this.change((document) => {
      const workspace = document.workspaces[root];
      if (!workspace?.[connectionId]) return false;
      delete workspace[connectionId];
      if (Object.keys(workspace).length === 0) delete document.workspaces[root];
      return true;
    });
  }

  /** Reads the file again, applies `edit`, and writes it if `edit` changed anything. */
  private change(edit: (document: SecretsDocument) => boolean): Promise<void> {
    const run = this.queue.catch(() => undefined).then(async () => {
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
      const read = await readSecrets(this.file);
      if (read.problem) {
        const aside = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        await fs.rename(this.file, aside);
        this.log(`${read.problem}; moved it to ${aside} and wrote a new one (tokens stored in it before must be entered again)`);
      }
      const document = read.document;
      if (edit(document) || read.problem) {
        try {
          await writeAtomic(this.file, JSON.stringify(document, null, 2) + '\n', 0o600);
        } catch (error) {
          throw new Error(`cannot save the token in ${this.file}: ${osCode(error) ?? (error as Error).message}; check that the folder is writable`, { cause: error });
        }
      }
      this.document = document;
    });
    this.queue = run;
    return run;
  }
}

interface ReadResult {
  document: SecretsDocument;
  /** Why the file on disk could not be used, when it exists but is damaged. */
  problem?: string;
}

async function readSecrets(file: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (osCode(error) === 'ENOENT') return { document: emptyDocument() };
    throw new Error(`cannot read the studio's secrets file ${file}: ${osCode(error) ?? (error as Error).message}; check its permissions`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { document: emptyDocument(), problem: `the studio's secrets file ${file} is not valid JSON (${(error as Error).message})` };
  }
  const document = asDocument(parsed);
  if (!document) return { document: emptyDocument(), problem: `the studio's secrets file ${file} does not hold {"version": 1, "workspaces": {...}}` };
  return { document };
}

/** The document if `value` has its shape; entries that are not tokens are dropped. */
function asDocument(value: unknown): SecretsDocument | undefined {
  if (!isObject(value) || value.version !== 1 || !isObject(value.workspaces)) return undefined;
  const document = emptyDocument();
  for (const [root, connections] of Object.entries(value.workspaces)) {
    if (!isObject(connections)) continue;
    const kept = emptyMap<{ token: string }>();
    for (const [id, entry] of Object.entries(connections)) {
      if (isObject(entry) && typeof entry.token === 'string') kept[id] = { token: entry.token };
    }
    if (Object.keys(kept).length > 0) document.workspaces[root] = kept;
  }
  return document;
}

function emptyDocument(): SecretsDocument {
  return { version: 1, workspaces: emptyMap() };
}

/** Without a prototype: roots and connection ids are keys chosen by others ("__proto__" is a valid id). */
function emptyMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
