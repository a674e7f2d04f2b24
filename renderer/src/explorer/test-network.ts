/**
 * A small world for the explorer's, cluster browser's and connections store's tests: two
 * connections, nodes serving an Avro protocol with every kind of type, and their descriptions,
 * for the memory host (`MemoryNetwork`). Imported by tests only.
 */
import type { ClusterNode, ConnectionStatus, ModuleDescription, NodeDescription, ProtocolDescription } from '../../../shared/studio/api.js';
import { createMemoryStudioApi, type MemoryNetwork, type MemoryStudioApi } from '../../../shared/studio/memory-api.js';

export const ORDERS_MD5 = '0123456789abcdef0123456789abcdef';
export const ORDERS_MD5_V2 = 'fedcba9876543210fedcba9876543210';
export const PING_MD5 = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

/** A protocol with records, a recursive record, arrays, maps, unions, enums, fixed, logical types, docs and defaults. */
export const ORDERS_PROTOCOL = JSON.stringify({
  protocol: 'OrderService',
  namespace: 'shop',
  doc: 'Takes and tracks orders.',
  types: [
    { type: 'enum', name: 'Status', symbols: ['OPEN', 'SHIPPED', 'CLOSED'], doc: 'Where an order is.' },
    { type: 'fixed', name: 'Digest', size: 16 },
    {
      type: 'record',
      name: 'Category',
      doc: 'A category, with its subcategories.',
      fields: [
        { name: 'label', type: 'string' },
        { name: 'children', type: { type: 'array', items: 'Category' }, default: [] },
      ],
    },
    {
      type: 'record',
      name: 'Order',
      doc: 'One order.',
      fields: [
        { name: 'id', type: 'long', doc: 'Unique per shop.' },
        { name: 'placed', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'status', type: 'Status', default: 'OPEN' },
        { name: 'lines', type: { type: 'map', values: 'int' } },
        { name: 'note', type: ['null', 'string'], default: null },
        { name: 'digest', type: 'Digest' },
        { name: 'category', type: 'Category' },
      ],
    },
    { type: 'error', name: 'NotFound', fields: [{ name: 'id', type: 'long' }] },
  ],
  messages: {
    get: {
      doc: 'Finds one order.',
      request: [{ name: 'id', type: 'long', doc: 'The order to find.' }],
      response: 'Order',
      errors: ['NotFound'],
    },
    list: { request: [{ name: 'status', type: 'Status' }], response: { type: 'array', items: 'Order' } },
    notify: { request: [{ name: 'text', type: 'string' }], response: 'null', 'one-way': true },
  },
});

export const PING_PROTOCOL = JSON.stringify({
  protocol: 'Ping',
  namespace: 'spl.test',
  messages: { ping: { request: [], response: 'string' } },
});

export const CONNECTIONS: ConnectionStatus[] = [
  { id: 'local', name: 'Local runtime', kind: 'local', url: 'http://127.0.0.1:7400', hasToken: false, state: 'connected' },
  { id: 'prod', name: 'Production', kind: 'etcd', url: 'http://10.0.0.1:2379', hasToken: true, state: 'error', error: 'etcd at http://10.0.0.1:2379 refused the connection: start etcd or check the URL.' },
];

export function node(connectionId: string, nodeId: string, overrides: Partial<ClusterNode> = {}): ClusterNode {
  return {
    connectionId,
    nodeId,
    endpoint: `http://127.0.0.1:${7400 + nodeId.length}`,
    availableModules: ['echo'],
    capabilities: { zone: 'a' },
    lastHeartbeat: Date.now(),
    protocols: [{ name: 'shop.OrderService', md5: ORDERS_MD5 }],
    health: 'up',
    drift: { 'shop.OrderService': 'differs' },
    ...overrides,
  };
}

export const ORDERS_DESCRIPTION: ProtocolDescription = {
  name: 'shop.OrderService',
  md5: ORDERS_MD5,
  text: ORDERS_PROTOCOL,
  drift: 'differs',
  definitionFile: 'definitions/orders.avdl',
  messages: [
    { message: 'get', status: 'incompatible', reasons: ['response(Order).status: the symbol CLOSED is missing from the reader'] },
    { message: 'list', status: 'same', reasons: [] },
    { message: 'notify', status: 'added', reasons: [] },
  ],
};

export function description(connectionId: string, nodeId: string, protocols: ProtocolDescription[] = [ORDERS_DESCRIPTION]): NodeDescription {
  return { connectionId, nodeId, endpoint: `http://127.0.0.1:${7400 + nodeId.length}`, protocols };
}

export const ECHO_MODULE: ModuleDescription = {
  module: 'echo',
  description: 'Returns its input.',
  inputSchema: 'spl.echo.Input',
  outputSchema: 'spl.echo.Output',
  inputSchemaText: JSON.stringify({ type: 'record', name: 'Input', namespace: 'spl.echo', fields: [{ name: 'text', type: 'string', doc: 'What to echo.' }] }),
  outputSchemaText: JSON.stringify({ type: 'record', name: 'Output', namespace: 'spl.echo', fields: [{ name: 'text', type: 'string' }] }),
};

/** The memory host with the two connections, node n1 on local (described, with modules) and n2 on prod. */
export function testNetwork(overrides: MemoryNetwork = {}): { api: MemoryStudioApi; network: MemoryNetwork } {
  const network: MemoryNetwork = {
    connections: CONNECTIONS,
    nodes: [node('local', 'n1'), node('prod', 'n2', { protocols: [{ name: 'spl.test.Ping', md5: PING_MD5 }], drift: { 'spl.test.Ping': 'not-in-workspace' } })],
    descriptions: [
      description('local', 'n1'),
      description('prod', 'n2', [{ name: 'spl.test.Ping', md5: PING_MD5, text: PING_PROTOCOL, drift: 'not-in-workspace' }]),
    ],
    modules: { 'local/n1': [ECHO_MODULE] },
    ...overrides,
  };
  return { api: createMemoryStudioApi({ 'definitions/orders.avdl': 'protocol OrderService {}' }, { version: '0.0.0-test' }, network), network };
}
