/** Where a node keeps its data when not told: each platform's per-user data folder. */
import { homedir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './data-dir.js';

describe('the default data directory', () => {
  it('follows each platform\'s convention', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/data/me' }, 'linux')).toBe('/data/me/spl-studio/node');
    expect(defaultDataDir({}, 'linux')).toBe(path.join(homedir(), '.local/share/spl-studio/node'));
    // A relative XDG_DATA_HOME is invalid by the XDG spec: ignored.
    expect(defaultDataDir({ XDG_DATA_HOME: 'rel' }, 'linux')).toBe(path.join(homedir(), '.local/share/spl-studio/node'));
    expect(defaultDataDir({}, 'darwin')).toBe(path.posix.join(homedir(), 'Library/Application Support/spl-studio/node'));
    expect(defaultDataDir({ LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' }, 'win32')).toBe('C:\\Users\\me\\AppData\\Local\\spl-studio\\node');
  });
});
