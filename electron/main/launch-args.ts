/**
 * The desktop studio's command line: `SPL Studio [--workspace DIR | DIR]`. Electron's own
 * arguments and Chromium's switches (`--no-sandbox`, `--remote-debugging-port=0`...) may come
 * before or after, and unpackaged runs see the app's script or folder among the arguments
 * (`electron dist/electron/main/main.js DIR`): those are passed over.
 */
import path from 'node:path';

export interface LaunchArgs {
  workspace?: string;
}

/**
 * `args`: process.argv without the executable. `appPaths`: the main script and the app folder,
 * which are Electron's arguments, not ours. Relative paths resolve against `cwd`.
 */
export function parseLaunchArgs(args: readonly string[], appPaths: readonly string[] = [], cwd = process.cwd()): LaunchArgs {
  const i = args.indexOf('--workspace');
  if (i >= 0 && args[i + 1] !== undefined) return { workspace: path.resolve(cwd, args[i + 1]) };
  const inline = args.find((arg) => arg.startsWith('--workspace='));
  if (inline) return { workspace: path.resolve(cwd, inline.slice('--workspace='.length)) };
  const ignored = new Set(appPaths.map((p) => path.resolve(cwd, p)));
  const positional = args.find((arg) => !arg.startsWith('-') && !ignored.has(path.resolve(cwd, arg)));
  return positional === undefined ? {} : { workspace: path.resolve(cwd, positional) };
}
