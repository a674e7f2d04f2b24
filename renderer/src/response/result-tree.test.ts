import { describe, expect, it } from 'vitest';
import { readProtocolJson } from '../../../shared/avro/schema-reader.js';
import { toAvroJson } from '../../../shared/avro/avro-json.js';
import { toJsonText } from '../../../shared/avro/json-text.js';
import { encodePayload, knownSchemas, readPayloadSchema, schemaChoices } from '../composer/payload/payload-value.js';
import { ECHO_INPUT, EXECUTE_PROTOCOL, MODULES, SHOP_PROTOCOL } from '../composer/test-protocols.js';
import { buildResultTree, type TreeNode } from './result-tree.js';

const shop = readProtocolJson(SHOP_PROTOCOL, { file: 'shop' });
const execute = readProtocolJson(EXECUTE_PROTOCOL, { file: 'execute' });
const put = shop.messages.find((m) => m.name === 'put')!;

function tree(text: string, schema = put.response, tag?: string, known?: Parameters<typeof buildResultTree>[3]): TreeNode {
  const built = buildResultTree(text, schema, tag, known);
  if ('error' in built) throw new Error(built.error);
  return built.root;
}

const child = (node: TreeNode, key: string) => node.children!.find((c) => c.key === key)!;

describe('the result tree', () => {
  it('shows longs beyond 2^53 exactly as the text has them', () => {
    const root = tree('{"id": 9223372036854775807, "label": null, "kind": "B"}');
    const id = child(root, 'id');
    expect(id.text).toBe('9223372036854775807');
    expect(id.value).toBe(9223372036854775807n);
    expect(toJsonText(root.value, 0)).toBe('{"id":9223372036854775807,"label":null,"kind":"B"}');
  });

  it('shows a union value with its branch instead of the wrapper', () => {
    const label = child(tree('{"id": 1, "label": {"int": 7}, "kind": "A"}'), 'label');
    expect(label).toMatchObject({ kind: 'scalar', text: '7', tag: 'int', value: { int: 7 } });
    expect(child(tree('{"id": 1, "label": {"string": "x"}, "kind": "A"}'), 'label')).toMatchObject({ text: '"x"', tag: 'string' });
  });

  it('names a declared error by its type', () => {
    const oops = shop.types.find((t) => t.name === 'Oops')!;
    const root = tree('{"reason": "sold out", "code": 12345678901234567890}', oops, 'shop.Oops');
    expect(root.tag).toBe('shop.Oops');
    expect(child(root, 'code').text).toBe('12345678901234567890');
  });

  it('decodes a Payload whose SchemaRef carries its schema, and says why when it cannot', () => {
    const response = execute.messages[0].response;
    const echo = readPayloadSchema(ECHO_INPUT);
    if ('error' in echo) throw new Error(echo.error);
    const payload = encodePayload(echo, { text: 'hi', big: 2n ** 62n + 1n });
    const payloadJson = toAvroJson(response, { value: { 'spl.common.Payload': payload } });
    const value = child(tree(toJsonText(payloadJson), response), 'value');
    expect(value.tag).toBe('Payload · demo.EchoInput');
    expect(child(value, 'text').text).toBe('"hi"');
    expect(child(value, 'big').text).toBe('4611686018427387905');

    const nameOnly = { value: { 'spl.common.Payload': { ...payload, schema: { name: { string: 'demo.EchoInput' }, fingerprint: null, json: null } } } };
    const shown = child(tree(toJsonText(toAvroJson(response, nameOnly)), response), 'value');
    expect(shown.tag).toBe('Payload · demo.EchoInput');
    expect(shown.note).toMatch(/does not carry its JSON/);
    expect(shown.children?.map((c) => c.key)).toEqual(['schema', 'value']);
  });

  it("decodes a node's Payload, which names its schema without carrying it, with the node's module schema of that fingerprint", () => {
    const response = execute.messages[0].response;
    const echo = readPayloadSchema(ECHO_INPUT);
    if ('error' in echo) throw new Error(echo.error);
    const payload = encodePayload(echo, { text: 'hi', big: 2n ** 53n + 1n });
    const answered = { ...payload, schema: { ...(payload.schema as object), json: null } };
    const text = toJsonText(toAvroJson(response, { value: { 'spl.common.Payload': answered } }));

    // Unknown: shown as stored, the fingerprint and bytes in hex, and the caller told a schema is missing.
    const unknown = buildResultTree(text, response);
    if ('error' in unknown) throw new Error(unknown.error);
    expect(unknown.missingSchema).toBe(true);
    const stored = child(unknown.root, 'value');
    expect(stored.note).toMatch(/no known schema has its fingerprint/);
    expect(child(child(stored, 'schema'), 'fingerprint')).toMatchObject({ scalar: 'bytes', text: expect.stringMatching(/^([0-9a-f]{2} ){7}[0-9a-f]{2}$/) });
    expect(child(stored, 'value')).toMatchObject({ scalar: 'bytes', tag: 'bytes · 11 B' });

    const known = knownSchemas(schemaChoices(MODULES));
    const built = buildResultTree(text, response, undefined, known);
    if ('error' in built) throw new Error(built.error);
    expect(built.missingSchema).toBe(false);
    const value = child(built.root, 'value');
    expect(value.tag).toBe('Payload · demo.EchoInput');
    expect(child(value, 'big').text).toBe('9007199254740993');
  });

  it('shows bytes as hex, and plain JSON when no schema is known', () => {
    const response = execute.messages[0].response;
    expect(child(tree('{"value": {"bytes": "\\u0000\\u00ff"}}', response), 'value')).toMatchObject({ text: '00 ff', tag: 'bytes', scalar: 'bytes' });
    const plain = tree('{"a": [1, 18446744073709551615]}', undefined);
    expect(child(plain, 'a').children!.map((c) => c.text)).toEqual(['1', '18446744073709551615']);
  });

  it('reports text that is not JSON', () => {
    expect(buildResultTree('{"a": ', undefined)).toMatchObject({ error: expect.stringMatching(/^The body is not valid JSON/) });
  });
});
