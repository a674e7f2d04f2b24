/**
 * Maps workspace paths to real files, refusing any that would leave the workspace: `..` is
 * refused before we get here, so the way out left is a symbolic link, which these resolve and
 * check. (A link that changes between the check and the use can still win that race; the
 * studio guards a user's own folder against mistakes and hostile pages, not against local
 * processes that could write there anyway.)
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../../shared/studio/api.js';
import { workspacePathProblem } from '../../../shared/studio/workspace-path.js';
import { osCode } from './fs-errors.js';

/** Whether `candidate` is `root` or lies under it (both absolute and real). */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

/** The absolute path of a workspace path under `root`, without touching the disk. */
export function lexicalPath(method: string, root: string, workspacePath: string): string {
  // Checked again here, and not only where calls enter: the runtime is also called directly.
  const problem = workspacePathProblem(workspacePath);
  if (problem) throw new StudioError('invalid-argument', `${method}: path must be a relative workspace path, got ${JSON.stringify(String(workspacePath).slice(0, 80))} (${problem})`);
  return path.join(root, ...workspacePath.split('/'));
}

function outside(method: string, workspacePath: string): StudioError {
  return new StudioError('invalid-argument', `${method}: ${workspacePath} leads outside the workspace (through a symbolic link); the studio only opens files inside it`);
}

/** The real path of an existing file or folder; ENOENT propagates for the caller to report. */
export async function resolveExisting(method: string, realRoot: string, workspacePath: string): Promise<string> {
  const real = await fs.realpath(lexicalPath(method, realRoot, workspacePath));
  if (!isInside(realRoot, real)) throw outside(method, workspacePath);
  return real;
}

/**
 * Where a write to `workspacePath` lands: the real path of the file if it exists (writing
 * through a link inside the workspace keeps the link), else its deepest existing folder's real
 * path plus the missing names. Either way inside the root, or refused.
 */
export async function resolveForWrite(method: string, realRoot: string, workspacePath: string): Promise<string> {
  let existing = lexicalPath(method, realRoot, workspacePath);
  const missing: string[] = [];
  for (;;) {
    try {
      const real = await fs.realpath(existing);
      const target = path.join(real, ...missing);
      if (!isInside(realRoot, real) || !isInside(realRoot, target)) throw outside(method, workspacePath);
      return target;
    } catch (error) {
      // Missing (or a dangling link, which the write then replaces with a file): go up a level.
      if (osCode(error) !== 'ENOENT' || existing === realRoot) throw error;
      missing.unshift(path.basename(existing));
      existing = path.dirname(existing);
    }
  }
}
