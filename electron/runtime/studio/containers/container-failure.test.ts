/** How a node's container refusals reach the renderer: codes the renderer acts on, the node's message kept. */
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../../shared/studio/api.js';
import { DeclaredError, RemoteSystemError, TransportError } from '../../rpc/errors.js';
import { containerError } from '../../containers/container-error.js';
import { containerRequestError } from './container-failure.js';

describe('containerRequestError', () => {
  it.each([
    ['CONTAINER_NOT_FOUND', 'not-found'],
    ['CONTAINER_ENGINE_UNAVAILABLE', 'invalid-argument'],
    ['IMAGE_NOT_FOUND', 'invalid-argument'],
    ['INVALID_REQUEST', 'invalid-argument'],
    ['CONTAINER_FAILED', 'io'],
  ] as const)('makes %s %s, keeping the code and the node\'s message', (code, studioCode) => {
    const error = containerRequestError('containers.stop: x', 'http://h:1', containerError({ code, message: 'what to do about it' }));
    expect(error).toBeInstanceOf(StudioError);
    expect(error).toMatchObject({ code: studioCode, message: `containers.stop: x: [${code}] what to do about it` });
  });

  it('makes a code it does not know io', () => {
    const error = containerRequestError('containers.list: n', 'http://h:1', new DeclaredError('spl.container.ContainerError', { code: 'QUOTA_EXCEEDED', message: 'too many' }));
    expect(error).toMatchObject({ code: 'io', message: 'containers.list: n: [QUOTA_EXCEEDED] too many' });
  });

  it('says io, naming the endpoint, for other declared errors, system errors and a node out of reach', () => {
    const other = containerRequestError('list', 'http://h:1', new DeclaredError('spl.common.ExecutionError', { code: 'X', message: 'no' }));
    expect(other.code).toBe('io');
    expect(other.message).toMatch(/^list: http:\/\/h:1 answered with spl\.common\.ExecutionError/);
    expect(containerRequestError('list', 'http://h:1', new RemoteSystemError('disk full'))).toMatchObject({ code: 'io', message: 'list: http://h:1 answered with a system error: disk full' });
    const refused = containerRequestError('list', 'http://127.0.0.1:9', new TransportError('connect ECONNREFUSED 127.0.0.1:9', true));
    expect(refused.code).toBe('io');
    expect(refused.message).toMatch(/^list: cannot reach http:\/\/127\.0\.0\.1:9: .*Check that the node is running/);
    expect(containerRequestError('list', 'http://h:1', new TransportError('HTTP 401 Unauthorized')).code).toBe('unauthorized');
  });
});
