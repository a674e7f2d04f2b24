/**
 * The declared error `spl.container.ContainerError`, and engine failures turned into it: the
 * code says what kind of failure (definitions/README.md), the message what to do.
 */
import { DeclaredError, errorMessage } from '../rpc/errors.js';
import { EngineFailure, EngineUnavailable } from './engine-errors.js';

export const CONTAINER_ERROR = 'spl.container.ContainerError';

export interface ContainerErrorFields {
  code: 'CONTAINER_ENGINE_UNAVAILABLE' | 'IMAGE_NOT_FOUND' | 'CONTAINER_NOT_FOUND' | 'CONTAINER_FAILED' | 'INVALID_REQUEST';
  message: string;
  image?: string;
  containerId?: string;
  details?: Record<string, string>;
}

export function containerError(fields: ContainerErrorFields): DeclaredError {
  return new DeclaredError(CONTAINER_ERROR, {
    code: fields.code,
    message: fields.message,
    image: fields.image === undefined ? null : { string: fields.image },
    containerId: fields.containerId === undefined ? null : { string: fields.containerId },
    details: fields.details ?? {},
  });
}

export function isContainerError(error: unknown): error is DeclaredError & { value: { code: string; message: string } } {
  return error instanceof DeclaredError && error.type === CONTAINER_ERROR;
}

/** The node was started without --container-engine. */
export function noEngineConfigured(nodeId: string): DeclaredError {
  return containerError({
    code: 'CONTAINER_ENGINE_UNAVAILABLE',
    message: `node ${nodeId} has no container engine: start it with --container-engine unix:///PATH.sock (Podman: run \`podman system service --time=0 unix:///run/podman/podman.sock\` and give that; Docker: unix:///var/run/docker.sock)`,
  });
}

export interface FailureSubject {
  /** What this node was doing, e.g. "starting a container from localhost/spl-node:0.1.0". */
  doing: string;
  image?: string;
  containerId?: string;
}

/** Any failure while talking to the engine, as a ContainerError (ContainerErrors pass through). */
export function engineError(error: unknown, subject: FailureSubject): DeclaredError {
  if (isContainerError(error)) return error;
  const { image, containerId } = subject;
  if (error instanceof EngineUnavailable) {
    const { url } = error.address;
    const what = error.reason === 'EACCES' || error.reason === 'EPERM'
      ? `run the node as a user allowed to use ${url}, or give --container-engine another socket`
      : `start one with \`podman system service --time=0 ${url}\` (or Docker's daemon) or give --container-engine`;
    return containerError({ code: 'CONTAINER_ENGINE_UNAVAILABLE', message: `${subject.doing} failed: ${error.message}: ${what}`, image, containerId, details: { engine: url, reason: error.reason } });
  }
  if (error instanceof EngineFailure) {
    return containerError({
      code: 'CONTAINER_FAILED',
      message: `${subject.doing} failed: ${error.message}`,
      image,
      containerId,
      details: { operation: error.operation, status: String(error.status), engineMessage: error.engineMessage },
    });
  }
  return containerError({ code: 'CONTAINER_FAILED', message: `${subject.doing} failed: ${errorMessage(error)}`, image, containerId });
}
