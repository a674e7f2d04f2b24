/**
 * Every test worker gets its own studio user-data folder (tokens, call history), so no test
 * writes to the user's ~/.config/spl-studio, and child processes (spl studio) inherit it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

process.env.SPL_STUDIO_USER_DATA ??= mkdtempSync(path.join(tmpdir(), 'spl-user-data-'));
