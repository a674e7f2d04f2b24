/**
 * The workspace's own settings file, `spl-workspace.json` (see DESIGN.md, "The workspace"): the
 * shell reads only its display name for now; connections arrive with the service explorer.
 * A missing or broken file is not an error here: the folder's name stands in.
 */
import type { WorkspaceApi } from '../../../shared/studio/api.js';

export const SETTINGS_FILE = 'spl-workspace.json';

const MAX_NAME = 120;

/** The `name` of a settings text, if it has a usable one. */
export function workspaceTitle(text: string): string | null {
  try {
    const settings = JSON.parse(text) as { name?: unknown } | null;
    const name = typeof settings?.name === 'string' ? settings.name.trim() : '';
    return name !== '' && name.length <= MAX_NAME ? name : null;
  } catch {
    return null;
  }
}

export async function readWorkspaceTitle(workspace: Pick<WorkspaceApi, 'read'>): Promise<string | null> {
  try {
    return workspaceTitle((await workspace.read(SETTINGS_FILE)).text);
  } catch {
    return null;
  }
}
