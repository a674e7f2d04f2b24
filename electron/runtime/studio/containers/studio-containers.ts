/**
 * The StudioApi's `containers` group: SPLContainerService on the node the user chose (list,
 * start, stop), reached through the connection's endpoint, token and CA, in the protocol that
 * node serves. The node's ContainerError reaches the renderer with its code and its message
 * (container-failure.ts). The SPL nodes a container runs show up as nodes of the connection
 * by themselves (connections/container-host.ts), at the connection's next poll.
 */
import type { ContainerSummary, StudioApi } from '../../../../shared/studio/api.js';
import { StudioError } from '../../../../shared/studio/api.js';
import type { CallTargets } from '../call-target.js';
import { reachKind } from '../connections/reach-errors.js';
import { NodeCalls, type NodeService } from '../node-calls.js';
import { containerRequestError } from './container-failure.js';
import { CONTAINER_SERVICE, containerSummary, type ContainerInfoValue } from './container-info.js';

export interface StudioContainersOptions {
  targets: CallTargets;
  /** Taken for the hosts' wiring; every failure here reaches its caller instead. */
  log?: (message: string) => void;
}

/** A listing is one request to the engine. */
const LIST_TIMEOUT_MS = 15_000;
/** The node waits up to 30 s for the container's node to answer, after creating it. */
const START_TIMEOUT_MS = 120_000;
/** The engine gives the container 5 s to stop before it kills it, then removes it. */
const STOP_TIMEOUT_MS = 60_000;

export class StudioContainers {
  readonly api: Pick<StudioApi, 'containers'>;
  private readonly services: NodeCalls;

  constructor(options: StudioContainersOptions) {
    this.services = new NodeCalls(options.targets, 'containers');
    this.api = {
      containers: {
        list: (connectionId, nodeId) => this.list(connectionId, nodeId),
        start: (connectionId, nodeId, image, config) => this.start(connectionId, nodeId, image, config),
        stop: (connectionId, nodeId, containerId) => this.stop(connectionId, nodeId, containerId),
      },
    };
  }

  async list(connectionId: string, nodeId: string): Promise<ContainerSummary[]> {
    const what = `containers.list: node '${nodeId}' of connection '${connectionId}'`;
    const service = await this.service(what, connectionId, nodeId, 'listContainers');
    let listed: ContainerInfoValue[];
    try {
      listed = (await service.client.call('listContainers', {}, { timeoutMs: LIST_TIMEOUT_MS })) as ContainerInfoValue[];
    } catch (error) {
      throw containerRequestError(what, service.target.endpoint, error);
    }
    return listed.map(containerSummary);
  }

  async start(connectionId: string, nodeId: string, image: string, config: Record<string, string>): Promise<ContainerSummary> {
    const what = `containers.start: image '${image}' on node '${nodeId}' of connection '${connectionId}'`;
    const service = await this.service(what, connectionId, nodeId, 'startContainer');
    let started: ContainerInfoValue | null;
    try {
      started = (await service.client.call('startContainer', { image, config }, { timeoutMs: START_TIMEOUT_MS })) as ContainerInfoValue | null;
    } catch (error) {
      const failure = containerRequestError(what, service.target.endpoint, error);
      // The node may have gone on after the studio stopped waiting.
      if (reachKind(error) === 'timeout') throw new StudioError(failure.code, `${failure.message}. The container may still be starting: list the node's containers to see`);
      throw failure;
    }
    if (started === null) {
      // The seed's startContainer answered nothing: such a node cannot say which container it started.
      throw new StudioError('io', `${what}: the node started it but did not say which container (its SPLContainerService is older than the studio's): update the node, and list its containers to find this one`);
    }
    return containerSummary(started);
  }

  async stop(connectionId: string, nodeId: string, containerId: string): Promise<void> {
    const what = `containers.stop: container '${containerId}' on node '${nodeId}' of connection '${connectionId}'`;
    const service = await this.service(what, connectionId, nodeId, 'stopContainer');
    try {
      await service.client.call('stopContainer', { containerId }, { timeoutMs: STOP_TIMEOUT_MS });
    } catch (error) {
      throw containerRequestError(what, service.target.endpoint, error);
    }
  }

  /** Closes every connection to the nodes; requests in flight fail with `io`. */
  async close(): Promise<void> {
    await this.services.close();
  }

  /** The node's SPLContainerService, checked to have `message`. */
  private async service(what: string, connectionId: string, nodeId: string, message: string): Promise<NodeService> {
    const service = await this.services.open(what, connectionId, nodeId, CONTAINER_SERVICE);
    this.services.message(service, message, what);
    return service;
  }
}
