/**
 * Walks a workspace folder depth first, in the order the StudioApi lists it (names sorted by
 * code unit), skipping what a user never edits here (`.git`, `node_modules`, our own temporary
 * files) and what the API could not address (names it cannot spell, links leading outside).
 * Links are followed for their kind but never descended into: no cycles, no escapes.
 */
import type { Dirent, Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { workspacePathProblem } from '../../../shared/studio/workspace-path.js';
import { isInside } from './contained-path.js';

export const SKIPPED_NAMES: ReadonlySet<string> = new Set(['.git', 'node_modules']);

/** Atomic writes go through `.<name>.spl-<hex>.tmp` beside the target (atomic-write.ts). */
export const TEMP_FILE = /^\..*\.spl-[0-9a-f]{16}\.tmp$/;

/** Whether changes under this workspace path are of no interest (skipped folders, temporary files). */
export function isIgnoredPath(workspacePath: string): boolean {
  const names = workspacePath.split('/');
  return names.some((name) => SKIPPED_NAMES.has(name)) || TEMP_FILE.test(names[names.length - 1]);
}

export interface WalkEntry {
  path: string;
  kind: 'file' | 'directory';
  /** Present for files when asked for (`withStats`). */
  stats?: Stats;
}

/**
 * Every entry under `dir` (a real path inside `realRoot`), whose workspace path is `prefix`
 * ('' for the root). Unreadable subfolders are skipped; an unreadable `dir` throws.
 */
export async function walk(realRoot: string, dir: string, prefix: string, options: { withStats?: boolean } = {}): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  await walkInto(realRoot, dir, prefix, options.withStats ?? false, out, true);
  return out;
}

async function walkInto(realRoot: string, dir: string, prefix: string, withStats: boolean, out: WalkEntry[], top: boolean): Promise<void> {
  let dirents: Dirent[];
  try {
    dirents = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (top) throw error;
    return;
  }
  dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const dirent of dirents) {
    const workspacePath = prefix ? `${prefix}/${dirent.name}` : dirent.name;
    if (SKIPPED_NAMES.has(dirent.name) || TEMP_FILE.test(dirent.name) || workspacePathProblem(workspacePath)) continue;
    const full = path.join(dir, dirent.name);
    let kind: 'file' | 'directory' | undefined;
    let stats: Stats | undefined;
    if (dirent.isSymbolicLink()) {
      try {
        const real = await fs.realpath(full);
        if (!isInside(realRoot, real)) continue;
        stats = await fs.stat(real);
      } catch {
        continue; // dangling
      }
      kind = stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : undefined;
      if (kind === 'directory') stats = undefined;
      if (kind) out.push({ path: workspacePath, kind, ...(stats && withStats ? { stats } : {}) });
      continue;
    }
    if (dirent.isDirectory()) {
      out.push({ path: workspacePath, kind: 'directory' });
      await walkInto(realRoot, full, workspacePath, withStats, out, false);
    } else if (dirent.isFile()) {
      if (withStats) {
        try {
          stats = await fs.stat(full);
        } catch {
          continue; // gone since readdir
        }
      }
      out.push({ path: workspacePath, kind: 'file', ...(stats ? { stats } : {}) });
    }
  }
}
