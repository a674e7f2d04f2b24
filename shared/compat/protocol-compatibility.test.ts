import { describe, expect, it } from 'vitest';
import type { Protocol } from '../avro/model.js';
import { readProtocolJson } from '../avro/schema-reader.js';
import { checkProtocolCompatibility } from './protocol-compatibility.js';

type Messages = Record<string, unknown>;

function protocol(messages: Messages, types: unknown[] = [], name = 'ex.Calc'): Protocol {
  return readProtocolJson(JSON.stringify({ protocol: name, types, messages }), { file: 'p.avpr' });
}

const msg = (request: unknown[], response: unknown, extra: object = {}) => ({ request, response, ...extra });
const param = (name: string, type: unknown, extra: object = {}) => ({ name, type, ...extra });

function only(oldMessages: Messages, newMessages: Messages, oldTypes: unknown[] = [], newTypes: unknown[] = oldTypes) {
  const report = checkProtocolCompatibility(protocol(oldMessages, oldTypes), protocol(newMessages, newTypes));
  expect(report.messages).toHaveLength(1);
  return { report, message: report.messages[0] };
}

describe('unchanged and compatible messages', () => {
  it('reports an identical protocol compatible', () => {
    const messages = { hello: msg([param('greeting', 'string')], 'string') };
    const report = checkProtocolCompatibility(protocol(messages), protocol(messages));
    expect(report).toEqual({
      kind: 'protocol',
      mode: 'full',
      oldProtocol: 'ex.Calc',
      newProtocol: 'ex.Calc',
      messages: [{ name: 'hello', status: 'compatible', oldClientNewServer: [], newClientOldServer: [] }],
      warnings: [],
      compatible: true,
    });
  });

  it('accepts a new parameter with a default both ways', () => {
    const { message } = only({ add: msg([param('a', 'int')], 'int') }, { add: msg([param('a', 'int'), param('b', 'int', { default: 0 })], 'int') });
    expect(message.status).toBe('compatible');
  });

  it('resolves parameters by name, not position', () => {
    const { message } = only({ add: msg([param('a', 'int'), param('b', 'string')], 'int') }, { add: msg([param('b', 'string'), param('a', 'int')], 'int') });
    expect(message.status).toBe('compatible');
  });
});

describe('requests: the server reads what the client sends', () => {
  it('breaks old clients when the new server needs a parameter without default', () => {
    const { message, report } = only({ add: msg([param('arg1', 'int')], 'int') }, { add: msg([param('arg1', 'int'), param('arg2', 'int')], 'int') });
    expect(message.status).toBe('incompatible');
    expect(message.oldClientNewServer).toEqual([{ path: 'request.arg2', message: "new parameter 'arg2' (int) has no default, and the old request has no parameter 'arg2'" }]);
    // New clients send arg2 too; the old server skips it.
    expect(message.newClientOldServer).toEqual([]);
    expect(report.compatible).toBe(false);
  });

  it('applies promotion in the direction the data flows', () => {
    const { message } = only({ add: msg([param('a', 'int')], 'int') }, { add: msg([param('a', 'long')], 'int') });
    expect(message.oldClientNewServer).toEqual([]);
    expect(message.newClientOldServer).toEqual([{ path: 'request.a', message: 'new type long cannot be read as old type int' }]);
  });

  it('follows parameter aliases', () => {
    const { message } = only({ hello: msg([param('greeting', 'string')], 'null') }, { hello: msg([param('salute', 'string', { aliases: ['greeting'] })], 'null') });
    expect(message.oldClientNewServer).toEqual([]);
    expect(message.newClientOldServer).toHaveLength(1);
  });

  it('checks records inside parameters with full paths', () => {
    const v1 = [{ type: 'record', name: 'Pair', fields: [{ name: 'a', type: 'int' }] }];
    const v2 = [{ type: 'record', name: 'Pair', fields: [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }] }];
    const { message } = only({ put: msg([param('p', 'Pair')], 'null') }, { put: msg([param('p', 'Pair')], 'null') }, v1, v2);
    expect(message.oldClientNewServer).toEqual([{ path: 'request.p.b', message: "new field 'b' (int) has no default, and the old record ex.Pair has no field 'b'" }]);
  });
});

describe('responses and errors: the client reads what the server sends', () => {
  it('breaks old clients when the new server widens the response', () => {
    const { message } = only({ get: msg([], 'int') }, { get: msg([], 'long') });
    expect(message.oldClientNewServer).toEqual([{ path: 'response', message: 'new type long cannot be read as old type int' }]);
    expect(message.newClientOldServer).toEqual([]);
  });

  const errors = [
    { type: 'error', name: 'Oops', fields: [{ name: 'why', type: 'string' }] },
    { type: 'error', name: 'Bad', fields: [] },
  ];

  it('breaks old clients when the new server may throw a new error', () => {
    const { message } = only({ m: msg([], 'null', { errors: ['Oops'] }) }, { m: msg([], 'null', { errors: ['Oops', 'Bad'] }) }, errors);
    expect(message.oldClientNewServer).toEqual([{ path: 'errors(Bad)', message: 'the new server may throw error ex.Bad, which the old client does not declare and cannot read' }]);
    expect(message.newClientOldServer).toEqual([]);
  });

  it('explains an error both declare but that changed', () => {
    const evolved = [{ type: 'error', name: 'Oops', fields: [{ name: 'why', type: 'string' }, { name: 'code', type: 'int' }] }];
    const { message } = only({ m: msg([], 'null', { errors: ['Oops'] }) }, { m: msg([], 'null', { errors: ['Oops'] }) }, errors.slice(0, 1), evolved);
    expect(message.newClientOldServer).toEqual([{ path: 'errors(Oops).code', message: "new field 'code' (int) has no default, and the old error ex.Oops has no field 'code'" }]);
  });

  it('always lets the implicit string error through', () => {
    const { message } = only({ m: msg([], 'null') }, { m: msg([], 'null', { errors: ['Oops'] }) }, errors);
    expect(message.newClientOldServer).toEqual([]);
  });
});

describe('added, removed and one-way messages', () => {
  it('a removed message breaks old clients only', () => {
    const report = checkProtocolCompatibility(protocol({ a: msg([], 'null'), gone: msg([], 'null') }), protocol({ a: msg([], 'null') }));
    expect(report.messages[1]).toEqual({
      name: 'gone',
      status: 'removed',
      oldClientNewServer: [{ path: '', message: "message 'gone' was removed: the new server rejects old clients' calls to it" }],
      newClientOldServer: [],
    });
    expect(report.compatible).toBe(false);
    expect(checkProtocolCompatibility(protocol({ a: msg([], 'null'), gone: msg([], 'null') }), protocol({ a: msg([], 'null') }), { mode: 'forward' }).compatible).toBe(true);
  });

  it('an added message breaks new clients calling an old server only', () => {
    const report = checkProtocolCompatibility(protocol({ a: msg([], 'null') }), protocol({ a: msg([], 'null'), fresh: msg([], 'int') }));
    expect(report.messages.map((m) => [m.name, m.status])).toEqual([['a', 'compatible'], ['fresh', 'added']]);
    expect(report.messages[1].newClientOldServer[0].message).toBe("message 'fresh' is new: an old server does not have it and rejects new clients' calls to it");
    expect(report.compatible).toBe(false);
    expect(checkProtocolCompatibility(protocol({ a: msg([], 'null') }), protocol({ a: msg([], 'null'), fresh: msg([], 'int') }), { mode: 'backward' }).compatible).toBe(true);
  });

  it('a one-way change breaks both directions', () => {
    const { message } = only({ ping: msg([], 'null', { 'one-way': true }) }, { ping: msg([], 'null') });
    const problem = { path: 'one-way', message: 'the message is one-way in the old protocol but expects a response in the new one; Avro refuses calls between them' };
    expect(message.oldClientNewServer).toEqual([problem]);
    expect(message.newClientOldServer).toEqual([problem]);
  });

  it('one-way messages that stay one-way only compare requests', () => {
    const { message } = only({ log: msg([param('line', 'string')], 'null', { 'one-way': true }) }, { log: msg([param('line', 'bytes')], 'null', { 'one-way': true }) });
    expect(message.status).toBe('compatible');
  });
});

describe('modes and warnings', () => {
  it('counts only the chosen direction', () => {
    const oldP = protocol({ get: msg([], 'int') });
    const newP = protocol({ get: msg([], 'long') });
    expect(checkProtocolCompatibility(oldP, newP, { mode: 'forward' })).toMatchObject({ compatible: true, messages: [{ status: 'compatible' }] });
    expect(checkProtocolCompatibility(oldP, newP, { mode: 'backward' })).toMatchObject({ compatible: false, messages: [{ status: 'incompatible' }] });
  });

  it('warns about a renamed protocol', () => {
    const report = checkProtocolCompatibility(protocol({}, [], 'ex.Old'), protocol({}, [], 'ex.New'));
    expect(report.compatible).toBe(true);
    expect(report.warnings).toEqual([
      'the protocol is renamed from ex.Old to ex.New: Avro RPC resolves messages by name and does not mind, but clients that address a protocol by its name (an SPL node\'s /avro/<name> route) will not find it',
    ]);
  });
});
