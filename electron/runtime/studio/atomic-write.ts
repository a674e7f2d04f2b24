/**
 * Writes a file so that readers see the old text or the new, never half of either: the text goes
 * to a temporary file beside the target (same folder, so the same file system), is flushed to
 * disk, and then renamed over the target in one step. A crash leaves at most a stray
 * `.<name>.spl-<hex>.tmp`, which listings and change events ignore.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { osCode } from './fs-errors.js';

export async function writeAtomic(target: string, text: string, mode?: number): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.spl-${randomBytes(8).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', mode ?? 0o666);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      // The new file keeps the old one's permissions (the umask applied to open's mode).
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}

/** On Windows a rename over a file another process holds open fails for a moment (virus scanners, indexers). */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (error) {
      const transient = process.platform === 'win32' && ['EPERM', 'EACCES', 'EBUSY'].includes(osCode(error) ?? '');
      if (!transient || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}
