/** How the CLI names files in its messages: relative to the working directory when inside it. */
import path from 'node:path';

export function displayPathFor(cwd: string): (file: string) => string {
  return (file) => {
    const relative = path.relative(cwd, file);
    return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
  };
}
