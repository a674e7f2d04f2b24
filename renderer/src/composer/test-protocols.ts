/**
 * The protocols and module schemas of the composer's test world (test-fixture.ts): a shop with
 * longs, unions and a declared error, and an execute service whose requests carry
 * `spl.common.Payload`s. Imported by tests only.
 */
import type { ModuleDescription } from '../../../shared/studio/api.js';

export const SHOP_PROTOCOL = JSON.stringify({
  protocol: 'Shop',
  namespace: 'shop',
  types: [
    { type: 'enum', name: 'Kind', symbols: ['A', 'B'] },
    {
      type: 'record',
      name: 'Thing',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'label', type: ['null', 'string', 'int'], default: null },
        { name: 'kind', type: 'Kind', default: 'A' },
      ],
    },
    { type: 'error', name: 'Oops', fields: [{ name: 'reason', type: 'string' }, { name: 'code', type: 'long' }] },
  ],
  messages: {
    put: { request: [{ name: 'thing', type: 'Thing' }, { name: 'count', type: 'long', default: 1 }], response: 'Thing', errors: ['Oops'] },
    ping: { request: [], response: 'string' },
  },
});

const SCHEMA_REF = {
  type: 'record',
  name: 'SchemaRef',
  fields: [
    { name: 'name', type: ['null', 'string'], default: null },
    { name: 'fingerprint', type: ['null', { type: 'fixed', name: 'SchemaFingerprint', size: 8 }], default: null },
    { name: 'json', type: ['null', 'string'], default: null },
  ],
};

const PAYLOAD = { type: 'record', name: 'Payload', fields: [{ name: 'schema', type: SCHEMA_REF }, { name: 'value', type: 'bytes' }] };

export const EXECUTE_PROTOCOL = JSON.stringify({
  protocol: 'SPLExecuteService',
  namespace: 'spl.execute',
  types: [
    {
      type: 'record',
      name: 'ExecuteRequest',
      namespace: 'spl.common',
      fields: [
        { name: 'module', type: 'string' },
        { name: 'value', type: ['null', 'bytes', 'string', { ...PAYLOAD }], default: null },
      ],
    },
    {
      type: 'record',
      name: 'ExecuteResponse',
      namespace: 'spl.common',
      fields: [{ name: 'value', type: ['null', 'bytes', 'string', 'Payload'], default: null }],
    },
  ],
  messages: {
    execute: { request: [{ name: 'request', type: 'spl.common.ExecuteRequest' }], response: 'spl.common.ExecuteResponse' },
  },
});

export const ECHO_INPUT = JSON.stringify({ type: 'record', name: 'EchoInput', namespace: 'demo', fields: [{ name: 'text', type: 'string' }, { name: 'big', type: 'long' }] });
export const ECHO_OUTPUT = JSON.stringify({ type: 'record', name: 'EchoOutput', namespace: 'demo', fields: [{ name: 'echoed', type: 'string' }] });

export const MODULES: ModuleDescription[] = [
  { module: 'demo/echo', inputSchema: 'demo.EchoInput', outputSchema: 'demo.EchoOutput', inputSchemaText: ECHO_INPUT, outputSchemaText: ECHO_OUTPUT },
];
