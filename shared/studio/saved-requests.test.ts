import { describe, expect, it } from 'vitest';
import { collectionPath, parseCollection, savedRequestBody, serializeCollection, type Collection } from './saved-requests.js';

const collection: Collection = {
  name: 'Smoke tests',
  requests: [
    {
      name: 'write a record',
      connectionId: 'local',
      nodeId: 'node-1',
      protocol: 'spl.data.SPLDataService',
      message: 'write',
      body: { request: { topic: 't', id: 9223372036854775807n, value: { 'spl.common.Payload': { value: '\u0000\u00ff' } }, ratio: 0.5 } },
      metadata: { trace: 't1', 'x-note': 'hi' },
      deadlineMs: 5000,
    },
    { name: 'list', connectionId: 'prod', nodeId: 'n', protocol: 'P', message: 'list', body: {} },
  ],
};

const TEXT = `{
  "name": "Smoke tests",
  "requests": [
    {
      "name": "write a record",
      "connectionId": "local",
      "nodeId": "node-1",
      "protocol": "spl.data.SPLDataService",
      "message": "write",
      "body": {
        "request": {
          "topic": "t",
          "id": 9223372036854775807,
          "value": {
            "spl.common.Payload": {
              "value": "\\u0000ÿ"
            }
          },
          "ratio": 0.5
        }
      },
      "metadata": {
        "trace": "t1",
        "x-note": "hi"
      },
      "deadlineMs": 5000
    },
    {
      "name": "list",
      "connectionId": "prod",
      "nodeId": "n",
      "protocol": "P",
      "message": "list",
      "body": {}
    }
  ]
}
`;

describe('serializeCollection and parseCollection', () => {
  it('write a stable, git-friendly file with exact longs', () => {
    expect(serializeCollection(collection)).toBe(TEXT);
  });

  it('read back what they write', () => {
    expect(parseCollection(TEXT, 'requests/smoke-tests.json')).toEqual({ collection });
    const again = parseCollection(serializeCollection(collection), 'x.json');
    expect('collection' in again && serializeCollection(again.collection)).toBe(TEXT);
  });

  it('write members in one order whatever order the object has', () => {
    const shuffled = { requests: [{ deadlineMs: 1, body: {}, message: 'm', protocol: 'p', nodeId: 'n', connectionId: 'c', name: 'r' }], name: 'C' } as Collection;
    expect(serializeCollection(shuffled)).toBe('{\n  "name": "C",\n  "requests": [\n    {\n      "name": "r",\n      "connectionId": "c",\n      "nodeId": "n",\n      "protocol": "p",\n      "message": "m",\n      "body": {},\n      "deadlineMs": 1\n    }\n  ]\n}\n');
  });

  it('report every problem with path:line:col and the member', () => {
    const text = `{
  "name": "C",
  "requests": [
    {"name": "a", "connectionId": "local", "nodeId": "n", "protocol": "P", "message": "m", "body": [], "deadlineMs": 0},
    {"name": "", "connectionId": 5, "nodeId": "n", "protocol": "P", "message": "m", "body": {}, "metdata": {}},
    "oops"
  ]
}`;
    const result = parseCollection(text, 'requests/c.json');
    expect(result).toEqual({
      error: [
        'requests/c.json:4:100: requests[0].body: expected the request in Avro JSON (an object with one member per parameter), got an array',
        'requests/c.json:4:118: requests[0].deadlineMs: expected a whole number of milliseconds from 1 to 3600000, got 0',
        'requests/c.json:5:108: requests[1].metdata: unknown member "metdata"; the members are name, connectionId, nodeId, protocol, message, body, metadata, deadlineMs',
        'requests/c.json:5:14: requests[1].name: must not be empty',
        'requests/c.json:5:34: requests[1].connectionId: expected a string, got 5',
        'requests/c.json:6:5: requests[2]: expected a saved request (an object with name, connectionId, nodeId, protocol, message and body), got "oops"',
      ].join('\n'),
    });
  });

  it('report broken JSON and missing members', () => {
    expect(parseCollection('{"name": "C",\n "requests": [}', 'requests/c.json')).toEqual({ error: "requests/c.json:2:15: invalid JSON: expected a JSON value, found '}'" });
    expect(parseCollection('{"name": "C"}', 'r.json')).toEqual({ error: 'r.json:1:1: missing member "requests" (an array of saved requests)' });
    expect(parseCollection('[]', 'r.json')).toEqual({ error: 'r.json:1:1: expected a collection: {"name": "...", "requests": [...]}' });
    expect(parseCollection('{"name": "C", "requests": [{"name": "r", "connectionId": "c", "nodeId": "n", "protocol": "p", "message": "m"}]}', 'r.json')).toEqual({
      error: 'r.json:1:28: requests[0]: missing member "body" (the request in Avro JSON: an object with one member per parameter)',
    });
  });
});

describe('collectionPath', () => {
  it('slugs the name into requests/', () => {
    expect(collectionPath('Smoke tests')).toBe('requests/smoke-tests.json');
    expect(collectionPath('  Écoles: v2 / prod!! ')).toBe('requests/ecoles-v2-prod.json');
    expect(collectionPath('日本')).toBe('requests/collection.json');
    expect(collectionPath('../../etc/passwd')).toBe('requests/etc-passwd.json');
    expect(collectionPath('a'.repeat(100))).toBe(`requests/${'a'.repeat(64)}.json`);
  });
});

describe('savedRequestBody', () => {
  it('gives the body as Avro JSON text with exact longs', () => {
    expect(savedRequestBody(collection.requests[0])).toBe('{\n  "request": {\n    "topic": "t",\n    "id": 9223372036854775807,\n    "value": {\n      "spl.common.Payload": {\n        "value": "\\u0000ÿ"\n      }\n    },\n    "ratio": 0.5\n  }\n}');
    expect(savedRequestBody(collection.requests[1])).toBe('{}');
  });
});
