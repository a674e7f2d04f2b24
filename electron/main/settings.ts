/**
 * What the desktop studio remembers between runs, per user (never in the workspace): the last
 * workspace opened. A small JSON file in Electron's userData folder; unreadable means empty.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../runtime/studio/atomic-write.js';

export interface Settings {
  lastWorkspace?: string;
}

export async function readSettings(dir: string): Promise<Settings> {
  try {
    const value = JSON.parse(await fs.readFile(path.join(dir, 'settings.json'), 'utf8')) as unknown;
    if (typeof value !== 'object' || value === null) return {};
    const last = (value as Settings).lastWorkspace;
    return typeof last === 'string' ? { lastWorkspace: last } : {};
  } catch {
    return {};
  }
}

export async function writeSettings(dir: string, settings: Settings): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await writeAtomic(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}
