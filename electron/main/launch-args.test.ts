import { describe, expect, it } from 'vitest';
import { parseLaunchArgs } from './launch-args.js';

const cwd = '/home/u/repo';
const main = '/home/u/repo/dist/electron/main/main.js';

describe('parseLaunchArgs', () => {
  it('takes the workspace as an option, anywhere', () => {
    expect(parseLaunchArgs([], [], cwd)).toEqual({});
    expect(parseLaunchArgs(['--workspace', '/w'], [], cwd)).toEqual({ workspace: '/w' });
    expect(parseLaunchArgs(['--workspace=w'], [], cwd)).toEqual({ workspace: '/home/u/repo/w' });
    expect(parseLaunchArgs(['--inspect=0', '--remote-debugging-port=0', 'dist/electron/main/main.js', '--workspace', '/w'], [main], cwd)).toEqual({ workspace: '/w' });
  });

  it('or as the first plain argument that is not the app itself', () => {
    expect(parseLaunchArgs(['--no-sandbox', 'dist/electron/main/main.js', 'ws'], [main], cwd)).toEqual({ workspace: '/home/u/repo/ws' });
    expect(parseLaunchArgs(['.', '/w'], [cwd], cwd)).toEqual({ workspace: '/w' });
    expect(parseLaunchArgs(['dist/electron/main/main.js', '--enable-logging'], [main], cwd)).toEqual({});
  });
});
