/**
 * Where a node keeps its data when not told (`spl node` without --data, `createSpl()` without
 * dataDir): the platform's per-user data folder, so data outlives the process and the package.
 * Linux and others: $XDG_DATA_HOME/spl-studio/node, else ~/.local/share/spl-studio/node; macOS:
 * ~/Library/Application Support/spl-studio/node; Windows: %LOCALAPPDATA%\spl-studio\node.
 */
import { homedir } from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return path.win32.join(env.LOCALAPPDATA ?? path.win32.join(homedir(), 'AppData', 'Local'), 'spl-studio', 'node');
  if (platform === 'darwin') return path.posix.join(homedir(), 'Library', 'Application Support', 'spl-studio', 'node');
  const base = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(homedir(), '.local', 'share');
  return path.join(base, 'spl-studio', 'node');
}
