import { describe, expect, it } from 'vitest';
import type { ClusterNode } from '../../../shared/studio/api.js';
import { node } from '../explorer/test-network.js';
import { tableRows, type NodeSort } from './node-table-model.js';

const inContainer = (connectionId: string, host: string, hex: string, image: string, overrides: Partial<ClusterNode> = {}) =>
  node(connectionId, `${host}/${hex}`, { container: { hostNodeId: host, containerId: `${hex}0000`, image, status: 'running' }, ...overrides });

const NODES: ClusterNode[] = [
  inContainer('local', 'b', 'bbbb00000002', 'localhost/spl-ml:2.0', { endpoint: 'http://127.0.0.1:9002' }),
  node('local', 'a', { endpoint: 'http://127.0.0.1:8000' }),
  inContainer('local', 'a', 'aaaa00000002', 'localhost/spl-node:0.1.0', { endpoint: 'http://127.0.0.1:1002' }),
  node('local', 'b', { endpoint: 'http://127.0.0.1:7000' }),
  inContainer('local', 'a', 'aaaa00000001', 'localhost/spl-ml:2.0', { endpoint: 'http://127.0.0.1:9001' }),
  // Its host is not listed (it left): it stands alone.
  inContainer('local', 'gone', 'cccc00000001', 'localhost/spl-node:0.1.0', { endpoint: 'http://127.0.0.1:5000' }),
  // Same host id on another connection: not a's.
  inContainer('prod', 'a', 'dddd00000001', 'localhost/spl-node:0.1.0', { endpoint: 'http://127.0.0.1:6000' }),
];

const rows = (filter: string, sort: NodeSort) => tableRows(NODES, filter, sort, (id) => id).map((r) => `${r.nested ? '  ' : ''}${r.node.connectionId}:${r.node.nodeId}`);

describe('the node table\'s rows', () => {
  it('keeps each container\'s node right under its host, sorted among its siblings', () => {
    expect(rows('', { column: 'id', direction: 'ascending' })).toEqual([
      'local:a',
      '  local:a/aaaa00000001',
      '  local:a/aaaa00000002',
      'prod:a/dddd00000001',
      'local:b',
      '  local:b/bbbb00000002',
      'local:gone/cccc00000001',
    ]);
    expect(rows('', { column: 'id', direction: 'descending' })).toEqual([
      'local:gone/cccc00000001',
      'local:b',
      '  local:b/bbbb00000002',
      'prod:a/dddd00000001',
      'local:a',
      '  local:a/aaaa00000002',
      '  local:a/aaaa00000001',
    ]);
    // Sorting by a column moves hosts with their containers; the containers' own endpoints order only them.
    expect(rows('', { column: 'endpoint', direction: 'ascending' })).toEqual([
      'local:gone/cccc00000001',
      'prod:a/dddd00000001',
      'local:b',
      '  local:b/bbbb00000002',
      'local:a',
      '  local:a/aaaa00000002',
      '  local:a/aaaa00000001',
    ]);
  });

  it('matches images when filtering, and lists the matches flat', () => {
    expect(rows('spl-ml', { column: 'id', direction: 'ascending' })).toEqual(['local:a/aaaa00000001', 'local:b/bbbb00000002']);
    expect(rows('SPL-NODE:0.1 :5000', { column: 'id', direction: 'ascending' })).toEqual(['local:gone/cccc00000001']);
    expect(rows('spl-node:0.1', { column: 'endpoint', direction: 'ascending' })).toEqual(['local:a/aaaa00000002', 'local:gone/cccc00000001', 'prod:a/dddd00000001']);
    // A filter matching a host shows its containers only if they match too.
    expect(rows('8000', { column: 'id', direction: 'ascending' })).toEqual(['local:a']);
  });
});
