/**
 * startContainer's `config` map: `name` (the container's name and its node's id), `port` (the
 * node's HTTP port on the host's loopback; default: a free one) and `env.NAME` (one environment
 * variable per key, so values need no escaping). Any other key is refused, by name, rather
 * than ignored: a setting that silently does nothing is worse than an error.
 */
import { containerError } from './container-error.js';
import { checkContainerId, checkEnvironment } from './request-checks.js';

export interface StartSettings {
  name?: string;
  port?: number;
  env: Record<string, string>;
}

const ENV_PREFIX = 'env.';
export const START_CONFIG_KEYS = ['name', 'port', `${ENV_PREFIX}NAME`];

export function parseStartConfig(config: Record<string, string>, image: string): StartSettings {
  const settings: StartSettings = { env: {} };
  for (const [key, value] of Object.entries(config)) {
    if (key === 'name') settings.name = checkContainerId(value, 'config.name');
    else if (key === 'port') settings.port = parsePort(value, image);
    else if (key.startsWith(ENV_PREFIX) && key.length > ENV_PREFIX.length) settings.env[key.slice(ENV_PREFIX.length)] = value;
    else {
      throw containerError({
        code: 'INVALID_REQUEST',
        message: `startContainer does not take config key '${key}': it takes ${START_CONFIG_KEYS.join(', ')} (containers use host networking, so there is no network setting)`,
        image,
        details: { field: `config.${key}` },
      });
    }
  }
  checkEnvironment(settings.env, 'config env');
  return settings;
}

function parsePort(value: string, image: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw containerError({ code: 'INVALID_REQUEST', message: `config.port '${value}' is not a port: give 1 to 65535, or leave it out for a free one`, image, details: { field: 'config.port' } });
  }
  return port;
}
