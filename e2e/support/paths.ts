/** Where the e2e tests find the repository, its sample workspace and their screenshots. */
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const SAMPLE_WORKSPACE = path.join(REPO, 'assets/sample-workspace');
export const SCREENSHOTS = path.join(REPO, 'e2e/screenshots');
