/**
 * File system failures as the renderer should see them: a missing file is `not-found`, anything
 * else the OS refused is `io`, each naming the workspace path and the OS's code, so the user
 * knows what failed and why (EACCES: fix permissions; ENOSPC: free space).
 */
import { StudioError } from '../../../shared/studio/api.js';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EMFILE: 'too many open files',
  EBUSY: 'the file is busy',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

export function osCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `error` from the file system as a StudioError about `path`, for `method`. StudioErrors pass through. */
export function toStudioError(method: string, path: string, error: unknown): StudioError {
  if (error instanceof StudioError) return error;
  const code = osCode(error);
  if (code === 'ENOENT') return new StudioError('not-found', `${method}: ${path} does not exist`);
  if (code === undefined) return new StudioError('internal', `${method}: ${path}: ${(error as Error)?.message ?? String(error)}`);
  const reason = REASONS[code] ?? (error as Error).message;
  return new StudioError('io', `${method}: cannot ${method.endsWith('write') ? 'write' : 'read'} ${path}: ${reason} (${code})`);
}
