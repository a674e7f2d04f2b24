import { describe, expect, it } from 'vitest';
import { parseStartConfig } from './start-config.js';

const refusal = (config: Record<string, string>) => {
  try {
    parseStartConfig(config, 'localhost/spl-node:0.1.0');
  } catch (error) {
    return (error as { value: unknown }).value;
  }
  throw new Error('accepted');
};

describe("startContainer's config", () => {
  it('takes name, port and one env.NAME per variable', () => {
    expect(parseStartConfig({ name: 'ml-1', port: '7411', 'env.LOG_LEVEL': 'debug', 'env.EMPTY': '' }, 'i')).toEqual({ name: 'ml-1', port: 7411, env: { LOG_LEVEL: 'debug', EMPTY: '' } });
    expect(parseStartConfig({}, 'i')).toEqual({ env: {} });
  });

  it('refuses any other key, a bad port, name or variable, naming the field', () => {
    expect(refusal({ network: 'spl' })).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining("does not take config key 'network': it takes name, port, env.NAME"), details: { field: 'config.network' } });
    expect(refusal({ 'env.': 'x' })).toMatchObject({ details: { field: 'config.env.' } });
    for (const port of ['0', '65536', '80a', '']) expect(refusal({ port })).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'config.port' } });
    expect(refusal({ name: '-x' })).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'config.name' } });
    expect(refusal({ 'env.A-B': '1' })).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'config env', name: 'A-B' } });
  });
});
