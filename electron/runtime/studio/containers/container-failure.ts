/**
 * A failed request to SPLContainerService, as the renderer should see it. The node's
 * ContainerError says what to do (start an engine, build the image, fix a setting), so its
 * message is kept whole, with its code; the StudioError code tells the renderer how to act:
 * `not-found` for a container that is not there, `invalid-argument` for what the user can fix
 * (no engine, no image, a bad setting), `io` for anything that failed on the way.
 */
import { StudioError, type StudioErrorCode } from '../../../../shared/studio/api.js';
import { DeclaredError, RemoteSystemError } from '../../rpc/errors.js';
import { nodeRequestError } from '../connections/reach-errors.js';

const CONTAINER_ERROR = 'spl.container.ContainerError';

const CODES: Record<string, StudioErrorCode> = {
  CONTAINER_NOT_FOUND: 'not-found',
  CONTAINER_ENGINE_UNAVAILABLE: 'invalid-argument',
  IMAGE_NOT_FOUND: 'invalid-argument',
  INVALID_REQUEST: 'invalid-argument',
};

/** `what`: the request, for people ("containers.stop: container 'x' on node 'n1' of connection 'c'"). */
export function containerRequestError(what: string, endpoint: string, error: unknown): StudioError {
  if (error instanceof DeclaredError && error.type === CONTAINER_ERROR) {
    const { code, message } = error.value as { code: string; message: string };
    return new StudioError(CODES[code] ?? 'io', `${what}: [${code}] ${message}`);
  }
  // Not in SPLContainerService's contract: a node of another version, most likely.
  if (error instanceof DeclaredError) return new StudioError('io', `${what}: ${endpoint} answered with ${error.message}`);
  if (error instanceof RemoteSystemError) return new StudioError('io', `${what}: ${endpoint} answered with a system error: ${error.message}`);
  return nodeRequestError(what, endpoint, error);
}
