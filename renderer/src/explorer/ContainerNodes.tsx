/** The nodes running in a host's containers, as a table whose ids select them in the explorer. */
import type { ClusterNode } from '../../../shared/studio/api.js';
import { useStudio } from '../app/studio.js';
import { shortContainerId } from '../containers/container-facts.js';
import { revealNode } from './reveal-node.js';

export function ContainerNodes({ host, nodes }: { host: ClusterNode; nodes: readonly ClusterNode[] }) {
  const studio = useStudio();
  if (nodes.length === 0) return <p className="details-none">No node of {host.nodeId}&apos;s containers has joined yet.</p>;
  return (
    <table className="details-table" aria-label={`Container nodes of ${host.nodeId}`}>
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th scope="col">Image</th>
          <th scope="col">Status</th>
          <th scope="col">Endpoint</th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((n) => (
          <tr key={n.nodeId}>
            <td><button type="button" className="link-button" title={n.container ? `Container ${shortContainerId(n.container.containerId)}` : undefined} onClick={() => revealNode(studio, n)}>{n.nodeId}</button></td>
            <td><code>{n.container?.image}</code></td>
            <td>{n.container?.status}</td>
            <td><code>{n.endpoint}</code></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
