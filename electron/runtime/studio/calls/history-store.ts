/**
 * The history of calls, per user: `<dir>/history.jsonl`, one entry per line, appended as calls
 * end. It keeps the newest `limit` entries; the file may grow to 1.5 × limit lines before it is
 * rewritten (atomically) with only those, so most calls cost one append.
 *
 * The disk never fails a call: when a write fails the entry stays in memory, the failure is
 * logged once, and the next write that works rewrites the whole file from memory. A line that
 * cannot be read (a write cut short, a hand edit) is skipped with one log message.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { StudioError, type HistoryEntry, type HistoryQuery, type StudioApi } from '../../../../shared/studio/api.js';
import { writeAtomic } from '../atomic-write.js';
import { osCode } from '../fs-errors.js';
import { matchesWords, queryWords, searchableText } from './history-search.js';

export const HISTORY_FILE = 'history.jsonl';
/** Bodies longer than this (UTF-8 bytes) are stored cut, with a marker saying so. */
export const MAX_STORED_BODY_BYTES = 256 * 1024;
const DEFAULT_LIMIT = 1000;
const DEFAULT_LIST = 200;
const MAX_LIST = 1000;
/** Only the user reads their history (request bodies and metadata may be private). */
const FILE_MODE = 0o600;

export interface HistoryStoreOptions {
  log?: (message: string) => void;
  /** Entries kept (default 1000). */
  limit?: number;
}

type HistoryListener = (entry: HistoryEntry) => void;

export class HistoryStore {
  readonly file: string;
  readonly api: Pick<StudioApi, 'history'>;
  private readonly limit: number;
  private readonly log: (message: string) => void;
  /** Oldest first. */
  private entries: HistoryEntry[] = [];
  private readonly haystacks = new WeakMap<HistoryEntry, string>();
  private readonly listeners = new Set<HistoryListener>();
  /** Writes, one after another, in the order calls ended. */
  private queue: Promise<void> = Promise.resolve();
  /** Non-empty lines in the file, readable or not. */
  private fileLines = 0;
  /** The file lacks entries memory has (a write failed): rewrite it from memory when writing works again. */
  private stale = false;
  /** The file exists but could not be read: only append to it, never rewrite what we have not seen. */
  private unread = false;
  /** The file ends in the middle of a line: the next append starts a new one. */
  private partialLine = false;
  /** A failure was logged and no write has worked since: stay quiet. */
  private failing = false;
  private closed = false;

  private constructor(dir: string, options: HistoryStoreOptions) {
    this.file = path.join(dir, HISTORY_FILE);
    this.limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT));
    this.log = options.log ?? ((message) => process.stderr.write(message + '\n'));
    this.api = {
      history: {
        list: async (query) => this.list(query),
        clear: () => this.clear(),
      },
    };
  }

  /** Loads `<dir>/history.jsonl` (creating `dir` if need be); never fails for the disk's sake. */
  static async open(dir: string, options: HistoryStoreOptions = {}): Promise<HistoryStore> {
    const store = new HistoryStore(dir, options);
    await store.load(dir);
    return store;
  }

  on(_event: 'history.change', listener: HistoryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Keeps a call (bodies over 256 KiB cut) and tells listeners; resolves once it is on disk, or could not be. */
  async record(entry: Omit<HistoryEntry, 'id'>): Promise<HistoryEntry> {
    const stored = forStorage({ id: randomUUID(), ...entry });
    this.entries.push(stored);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    for (const listener of [...this.listeners]) {
      try {
        listener(stored);
      } catch (error) {
        this.log(`history: a listener failed: ${(error as Error)?.message ?? String(error)}`);
      }
    }
    if (!this.closed) await this.write('write', () => this.append(stored));
    return stored;
  }

  list(query: HistoryQuery = {}): HistoryEntry[] {
    const limit = Math.min(MAX_LIST, Math.max(1, Math.floor(query.limit ?? DEFAULT_LIST)));
    const words = queryWords(query.text);
    const out: HistoryEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < limit; i--) {
      const entry = this.entries[i];
      if (words.length === 0 || matchesWords(this.haystack(entry), words)) out.push(entry);
    }
    return out;
  }

  /** Forgets every call, in memory and on disk; a disk that refuses is an `io` error (memory is cleared anyway). */
  async clear(): Promise<void> {
    this.entries = [];
    let failure: unknown;
    await this.write('clear', async () => {
      try {
        await fs.writeFile(this.file, '', { mode: FILE_MODE });
      } catch (error) {
        failure = error;
        throw error;
      }
      this.fileLines = 0;
      this.unread = false;
      this.partialLine = false;
    });
    if (failure !== undefined) throw new StudioError('io', `history.clear: cannot empty ${this.file}: ${reason(failure)}; the history is cleared for this session, and will be on disk once it can be written`);
  }

  /** Waits for pending writes; later calls are kept in memory only. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
  }

  private haystack(entry: HistoryEntry): string {
    let text = this.haystacks.get(entry);
    if (text === undefined) this.haystacks.set(entry, (text = searchableText(entry)));
    return text;
  }

  private async load(dir: string): Promise<void> {
    try {
      await fs.mkdir(dir, { recursive: true });
    } catch (error) {
      this.failed('create the folder of', error);
    }
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if (osCode(error) === 'ENOENT') return;
      this.unread = true;
      this.failed('read', error);
      return;
    }
    const loaded: HistoryEntry[] = [];
    const bad: number[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].trim() === '') continue;
      this.fileLines++;
      const entry = parseEntry(lines[i]);
      if (entry) loaded.push(entry);
      else bad.push(i + 1);
    }
    this.partialLine = text.length > 0 && !text.endsWith('\n');
    if (bad.length > 0) {
      const where = bad.length > 5 ? `lines ${bad.slice(0, 5).join(', ')}, …` : `line${bad.length > 1 ? 's' : ''} ${bad.join(', ')}`;
      this.log(`history: skipped ${bad.length} unreadable line${bad.length > 1 ? 's' : ''} of ${this.file} (${where}): a write was cut short or the file was edited; the other ${loaded.length} calls are kept`);
    }
    this.entries = loaded.slice(-this.limit);
    if (this.fileLines > this.limit * 1.5) await this.write('write', () => this.rewrite());
  }

  private async append(entry: HistoryEntry): Promise<void> {
    if (this.stale && !this.unread) return this.rewrite();
    const line = (this.partialLine ? '\n' : '') + JSON.stringify(entry) + '\n';
    try {
      await fs.appendFile(this.file, line, { mode: FILE_MODE });
    } catch (error) {
      // Part of the line may have been written: start the next one on a line of its own.
      this.partialLine = true;
      throw error;
    }
    this.partialLine = false;
    this.fileLines++;
    if (!this.unread && this.fileLines > this.limit * 1.5) await this.rewrite();
  }

  /** The file from memory, atomically: the newest `limit` entries, nothing unreadable. */
  private async rewrite(): Promise<void> {
    await writeAtomic(this.file, this.entries.map((entry) => JSON.stringify(entry) + '\n').join(''), FILE_MODE);
    this.fileLines = this.entries.length;
    this.partialLine = false;
  }

  /** Runs one disk operation after the others; a failure is logged (once) and remembered, never thrown. */
  private write(action: string, operation: () => Promise<void>): Promise<void> {
    const done = this.queue.then(operation).then(
      () => {
        this.stale = false;
        this.failing = false;
      },
      (error: unknown) => {
        this.stale = true;
        this.failed(action, error);
      },
    );
    this.queue = done;
    return done;
  }

  private failed(action: string, error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.log(`history: cannot ${action} ${this.file}: ${reason(error)}; calls are kept in memory until it can be written (check the folder's permissions and free space)`);
  }
}

function reason(error: unknown): string {
  const code = osCode(error);
  const message = (error as Error)?.message ?? String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/** An entry as stored: request and response bodies over the limit cut, with a marker. */
function forStorage(entry: HistoryEntry): HistoryEntry {
  const requestBody = cut(entry.request.body);
  const resultBody = entry.result.body === undefined ? undefined : cut(entry.result.body);
  if (requestBody === entry.request.body && resultBody === entry.result.body) return entry;
  return { ...entry, request: { ...entry.request, body: requestBody }, result: { ...entry.result, body: resultBody } };
}

function cut(text: string): string {
  // UTF-8 takes at least one byte per UTF-16 unit and at most three: measure only when it may be over.
  if (text.length * 3 <= MAX_STORED_BODY_BYTES) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= MAX_STORED_BODY_BYTES) return text;
  // A character cut in half decodes as U+FFFD: drop it.
  const kept = bytes.subarray(0, MAX_STORED_BODY_BYTES).toString('utf8').replace(/\uFFFD$/, '');
  return `${kept}\n… [truncated by the history: ${bytes.length} bytes in all, the first ${MAX_STORED_BODY_BYTES} kept]`;
}

/** A line as an entry, or undefined when it is not one (cut short, edited by hand). */
function parseEntry(line: string): HistoryEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(value) || typeof value.id !== 'string' || typeof value.at !== 'number' || typeof value.connectionName !== 'string') return undefined;
  const { request, result } = value;
  if (!isObject(request) || typeof request.body !== 'string' || typeof request.protocol !== 'string' || typeof request.message !== 'string') return undefined;
  if (!isObject(result) || typeof result.outcome !== 'string' || typeof result.endpoint !== 'string' || !Array.isArray(result.frames)) return undefined;
  return value as unknown as HistoryEntry;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
