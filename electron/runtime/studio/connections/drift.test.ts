/** Drift between the workspace's protocol (the caller) and a node's (the server), message by message. */
import { describe, expect, it } from 'vitest';
import type { Protocol } from '../../../../shared/avro/model.js';
import { compileIdlText, formatDiagnostics } from '../../../../shared/idl/compile.js';
import { ProtocolCodec } from '../../rpc/protocol-codec.js';
import { driftOf, driftsOf, messageDrift } from './drift.js';
import type { WorkspaceDefinition } from './workspace-definitions.js';

const noImports = { read: async () => undefined };

async function protocol(text: string): Promise<Protocol> {
  const result = await compileIdlText('/t.avdl', text, { reader: noImports });
  expect(formatDiagnostics(result)).toEqual([]);
  return result.protocol!;
}

const WORKSPACE = `@namespace("t") protocol Shop {
  record Item { string name; long price; }
  error Missing { string name; }
  Item lookup(string name) throws Missing;
  int count();
  void note(string text);
  string echo(string text);
  boolean gone();
}`;

const NODE = `@namespace("t") protocol Shop {
  /** Documented on the node only. */
  record Item { string name; long price; string? kind = null; }
  error Missing { string name; }
  Item lookup(string name) throws Missing;
  int count(int limit);
  void note(string text);
  /** Doc differs, the call does not. */
  string echo(string text);
  int added();
}`;

describe('messageDrift', () => {
  it('says per message what happens when the workspace calls the node: same, compatible, incompatible, removed, added', async () => {
    const drift = messageDrift(await protocol(WORKSPACE), await protocol(NODE));
    expect(drift).toEqual([
      // The node's Item has a field more, with a default: the workspace still reads it.
      { message: 'lookup', status: 'compatible', reasons: [] },
      { message: 'count', status: 'incompatible', reasons: ["request.limit: node parameter 'limit' (int) has no default, and the workspace request has no parameter 'limit'"] },
      { message: 'note', status: 'same', reasons: [] },
      { message: 'echo', status: 'compatible', reasons: [] },
      { message: 'gone', status: 'removed', reasons: ["the node has no message 'gone': calling it fails with \"unknown message\""] },
      { message: 'added', status: 'added', reasons: [] },
    ]);
  });

  it('reads the direction that matters: a response the workspace cannot read', async () => {
    const node = await protocol(WORKSPACE.replace('long price;', 'string price;'));
    const [lookup] = messageDrift(await protocol(WORKSPACE), node);
    expect(lookup.status).toBe('incompatible');
    expect(lookup.reasons).toEqual([expect.stringMatching(/^response\.price: node type string cannot be read as workspace type long/)]);
  });

  it('compares protocols by handshake MD5 against the workspace definitions', async () => {
    const ours = await protocol(WORKSPACE);
    const definitions = new Map<string, WorkspaceDefinition>([['t.Shop', { file: 'definitions/shop.avdl', protocol: ours, md5: new ProtocolCodec(ours).hashKey }]]);
    const same = new ProtocolCodec(ours).hashKey;
    const other = new ProtocolCodec(await protocol(NODE)).hashKey;
    expect(driftOf('t.Shop', same, definitions)).toBe('same');
    expect(driftOf('t.Shop', other, definitions)).toBe('differs');
    expect(driftOf('t.Other', same, definitions)).toBe('not-in-workspace');
    expect(driftsOf([{ name: 't.Shop', md5: other }, { name: 'x.Y', md5: other }], definitions)).toEqual({ 't.Shop': 'differs', 'x.Y': 'not-in-workspace' });
  });
});
