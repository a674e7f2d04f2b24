/** One node: where it answers, its health, capabilities, modules, and the protocols it serves. */
import type { ClusterNode, ConnectionStatus } from '../../../shared/studio/api.js';
import { useStudio } from '../app/studio.js';
import { Age } from '../cluster/clock.js';
import { Chips, DetailsHeader, Facts, Notice, Section, capabilityChips } from './DetailsParts.js';
import { DriftBadge } from './DriftBadge.js';
import { explorerStoreOf } from './explorer-store.js';

export function NodeDetails({ node, connection }: { node: ClusterNode; connection?: ConnectionStatus }) {
  const studio = useStudio();
  const selectProtocol = (protocol: string) => {
    const explorer = explorerStoreOf(studio).getState();
    explorer.setExpanded({ connectionId: node.connectionId, nodeId: node.nodeId }, true);
    explorer.select({ connectionId: node.connectionId, nodeId: node.nodeId, protocol });
  };
  return (
    <div className="details">
      <DetailsHeader icon="codicon-server" title={node.nodeId} subtitle={<>on {connection?.name ?? node.connectionId}</>} />
      {node.health === 'unreachable' && (
        <Notice tone="error">
          {node.nodeId} does not answer{node.healthError ? `: ${node.healthError}` : '.'} Check that it runs and that {node.endpoint} is reachable from this machine.
        </Notice>
      )}
      <Facts
        items={[
          ['Endpoint', <code key="endpoint">{node.endpoint}</code>],
          ['Health', node.health === 'up' ? 'up' : 'unreachable'],
          ['Last heard of', <Age key="age" at={node.lastHeartbeat} />],
          ['Capabilities', <Chips key="caps" entries={capabilityChips(node.capabilities)} />],
          ['Modules', <Chips key="modules" entries={node.availableModules} />],
        ]}
      />
      <Section title="Protocols">
        {node.protocols.length === 0 ? (
          <p className="details-none">This node serves no protocols.</p>
        ) : (
          <table className="details-table">
            <thead>
              <tr>
                <th scope="col">Protocol</th>
                <th scope="col">Hash</th>
                <th scope="col">Workspace</th>
              </tr>
            </thead>
            <tbody>
              {node.protocols.map((p) => (
                <tr key={p.name}>
                  <td><button type="button" className="link-button" onClick={() => selectProtocol(p.name)}>{p.name}</button></td>
                  <td><code>{p.md5}</code></td>
                  <td>{(node.drift[p.name] ?? 'not-in-workspace') === 'same' ? 'in sync' : <DriftBadge drift={node.drift[p.name] ?? 'not-in-workspace'} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}
