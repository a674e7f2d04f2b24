/**
 * Vitest global setup: builds dist/ once before any test file runs. Tests that run `bin/spl.js`
 * as a process need the current sources built; building in each such file would do the work
 * several times, and in parallel workers, while another file's processes read dist/.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function buildOnce(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
}
