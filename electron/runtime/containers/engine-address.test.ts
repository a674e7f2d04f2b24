import { describe, expect, it } from 'vitest';
import { parseEngineAddress } from './engine-address.js';

describe('parseEngineAddress', () => {
  it('takes unix:///PATH or a path (relative to the working folder)', () => {
    expect(parseEngineAddress('unix:///run/podman/podman.sock')).toEqual({ socketPath: '/run/podman/podman.sock', url: 'unix:///run/podman/podman.sock' });
    expect(parseEngineAddress('/var/run/docker.sock')).toEqual({ socketPath: '/var/run/docker.sock', url: 'unix:///var/run/docker.sock' });
    expect(parseEngineAddress('engine.sock', '/tmp/x')).toEqual({ socketPath: '/tmp/x/engine.sock', url: 'unix:///tmp/x/engine.sock' });
  });

  it('refuses other schemes and relative unix: URLs, saying what to give', () => {
    expect(() => parseEngineAddress('tcp://127.0.0.1:2375')).toThrow('only unix sockets are supported; give unix:///PATH.sock');
    expect(() => parseEngineAddress('unix://run/podman.sock')).toThrow('the socket path must be absolute');
    expect(() => parseEngineAddress('unix://')).toThrow('names no socket');
  });
});
