/** What a CLI command may touch: its output streams and the working directory. Tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

/** A command's usage error: printed with the command's usage line, exit code 2. */
export class UsageError extends Error {}
