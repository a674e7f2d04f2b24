/**
 * The "Start container" form as data: what the user typed, what is wrong with it (checked here
 * so each field says so before the node is asked), and the `config` map containers.start takes:
 * `name`, `port` and one `env.NAME` per variable. The node checks again and has the last word.
 */

export interface StartForm {
  image: string;
  /** The container's name and its node's id; empty for one the engine picks. */
  name: string;
  /** The node's HTTP port on the host's loopback; empty for a free one. */
  port: string;
  /** One `NAME=value` per row; empty rows are ignored. */
  env: string[];
}

export interface StartFormErrors {
  image?: string;
  name?: string;
  port?: string;
  /** By row index. */
  env?: Record<number, string>;
}

export const emptyStartForm = (): StartForm => ({ image: '', name: '', port: '', env: [] });

// The node's own rules (electron/runtime/containers/request-checks.ts), so that the form
// refuses what the node would refuse, next to the field.
const CONTAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

/** A row split at its first `=`; undefined when it has none. */
function envEntry(row: string): [name: string, value: string] | undefined {
  const at = row.indexOf('=');
  return at < 0 ? undefined : [row.slice(0, at).trim(), row.slice(at + 1)];
}

export function validateStartForm(form: StartForm): StartFormErrors {
  const errors: StartFormErrors = {};
  const image = form.image.trim();
  if (image === '') errors.image = 'Give the image of an SPL node to start, e.g. localhost/spl-node:latest.';
  else if (/\s/.test(image)) errors.image = 'An image reference has no spaces: NAME[:TAG], e.g. localhost/spl-node:latest.';

  const name = form.name.trim();
  if (name !== '' && !CONTAINER_NAME.test(name)) {
    errors.name = 'Use letters, digits, "_", "." and "-", starting with a letter or digit; or leave it empty for a generated name.';
  }

  const port = form.port.trim();
  if (port !== '' && (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    errors.port = 'Give a port from 1 to 65535, or leave it empty for a free one.';
  }

  const env: Record<number, string> = {};
  const seen = new Set<string>();
  form.env.forEach((row, index) => {
    if (row.trim() === '') return;
    const entry = envEntry(row);
    if (!entry) env[index] = 'Write NAME=value.';
    else if (!ENV_NAME.test(entry[0])) env[index] = `"${entry[0]}" is not a variable name: letters, digits and "_", not starting with a digit.`;
    else if (seen.has(entry[0])) env[index] = `${entry[0]} is set twice: keep one.`;
    else if (entry[1].includes('\0')) env[index] = `The value of ${entry[0]} holds a NUL character, which no environment can carry.`;
    if (entry) seen.add(entry[0]);
  });
  if (Object.keys(env).length > 0) errors.env = env;
  return errors;
}

export const hasStartErrors = (errors: StartFormErrors): boolean => Object.keys(errors).length > 0;

/** The image and config to send; call only when the form has no errors. */
export function startRequest(form: StartForm): { image: string; config: Record<string, string> } {
  const config: Record<string, string> = {};
  if (form.name.trim() !== '') config.name = form.name.trim();
  if (form.port.trim() !== '') config.port = form.port.trim();
  for (const row of form.env) {
    const entry = row.trim() === '' ? undefined : envEntry(row);
    if (entry) config[`env.${entry[0]}`] = entry[1];
  }
  return { image: form.image.trim(), config };
}
