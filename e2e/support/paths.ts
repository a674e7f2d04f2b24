/** Where the e2e tests find the repository, its sample workspace and modules, and their screenshots. */
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const SAMPLE_WORKSPACE = path.join(REPO, 'assets/sample-workspace');
export const SAMPLE_MODULES = path.join(REPO, 'assets/modules');
/** The `spl` launcher; it runs the built CLI in dist/. */
export const SPL = path.join(REPO, 'bin/spl.js');
export const SCREENSHOTS = path.join(REPO, 'e2e/screenshots');
