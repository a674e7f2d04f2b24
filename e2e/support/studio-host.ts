/**
 * `spl studio --web` as a process, from the built CLI, with everything it keeps (its local
 * node's data, the user's settings) in the run's temp folder rather than the user's own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startChild, type Child } from './child.js';
import { REPO, SPL } from './paths.js';

export interface StudioHost {
  url: string;
  child: Child;
}

export interface StudioHostOptions {
  workspace: string;
  /** The local node's data folder. */
  nodeData: string;
  /** The user's settings: connection tokens, the call history. */
  userData: string;
}

/** Whether the built `spl studio` takes --user-data (older builds know only the environment variable). */
function acceptsUserDataOption(): boolean {
  try {
    return readFileSync(path.join(REPO, 'dist/electron/cli/commands/studio.js'), 'utf8').includes("'--user-data'");
  } catch {
    return false;
  }
}

/** Starts the host; `onStart` learns of the process at once, so a failed start can still be cleaned up. */
export async function startStudioHost(options: StudioHostOptions, onStart: (child: Child) => void, ms = 30_000): Promise<StudioHost> {
  const args = ['studio', '--web', '--port', '0', '--workspace', options.workspace, '--data', options.nodeData];
  if (acceptsUserDataOption()) args.push('--user-data', options.userData);
  // The environment variable works with every build; XDG_CONFIG_HOME catches a build that reads
  // neither, so the run never touches ~/.config/spl-studio.
  const env = { ...process.env, SPL_STUDIO_USER_DATA: options.userData, XDG_CONFIG_HOME: path.join(options.userData, '.xdg-config') };
  const child = startChild('spl studio --web', process.execPath, [SPL, ...args], { cwd: REPO, env });
  onStart(child);
  const [, url] = await child.waitForOutput(/^Studio: (\S+)$/m, ms);
  return { url, child };
}
