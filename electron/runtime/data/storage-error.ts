/**
 * What went wrong in the data store, in words a user can act on: a full disk, a read-only data
 * directory, a database another process holds, a damaged file. SQLite's and the file system's
 * codes are kept in `details` for whoever needs them; the message says what to do.
 */
export type StorageFailureKind = 'full' | 'read-only' | 'cannot-open' | 'busy' | 'corrupt' | 'io' | 'closed' | 'other';

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly kind: StorageFailureKind,
    message: string,
    /** True when the same call may succeed later without anyone changing anything (a lock). */
    readonly retryable: boolean,
    readonly details: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** SQLite's extended codes start with the primary one (`SQLITE_READONLY_DBMOVED`, `SQLITE_IOERR_WRITE`). */
function kindOf(code: string): StorageFailureKind {
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return 'read-only';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return 'cannot-open';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io';
  return 'other';
}

/**
 * Turns whatever the store threw into a StorageError saying what failed (`action`, e.g.
 * "storing record user1 in topic users") and where (`location`, the database file). `knownKind`
 * overrides the guess from the error's code, when the caller knows better (SQLite says only
 * "unable to open database file" for a directory on read-only media).
 */
export function storageError(error: unknown, action: string, location: string, knownKind?: StorageFailureKind): StorageError {
  if (error instanceof StorageError) return error;
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  const own = error instanceof Error ? error.message : String(error);
  const kind = knownKind ?? (error instanceof TypeError && /database connection is not open/i.test(own) ? 'closed' : kindOf(code));
  const details: Record<string, string> = { location, cause: own };
  if (code) details.code = code;
  const advice: Record<StorageFailureKind, string> = {
    full: `the disk holding ${location} is full: free some space (or move the data directory with --data) and retry`,
    'read-only': `${location} cannot be written (read-only file system or no permission): make the data directory writable, or start the node with --data pointing to a writable directory`,
    'cannot-open': `${location} cannot be opened: check that the data directory exists, is a directory and is writable`,
    busy: `${location} is locked by another process (another node on the same data directory?); retry, or give each node its own --data directory`,
    corrupt: `${location} is damaged or not a database: restore it from a backup, or move it aside to start empty`,
    io: `the disk failed while using ${location}: check the device and the system log`,
    closed: `the data store at ${location} is closed (the node is shutting down)`,
    other: `the data store at ${location} failed`,
  };
  return new StorageError(kind, `${action} failed: ${advice[kind]} (${own})`, kind === 'busy', details, { cause: error });
}
