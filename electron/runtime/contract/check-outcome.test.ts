import { describe, expect, it } from 'vitest';
import { compileIdlText } from '../../../shared/idl/compile.js';
import type { Message } from '../../../shared/avro/model.js';
import { memoryReader } from '../../../test/support/memory-reader.js';
import { DeclaredError, RemoteSystemError, TransportError } from '../rpc/errors.js';
import { checkFailure, checkResponse } from './check-outcome.js';

async function lookup(): Promise<Message> {
  const result = await compileIdlText('/t/shop.avdl', `@namespace("t") protocol Shop {
    record Item { string name; long price; }
    error NotFound { string name; }
    Item lookup(string name) throws NotFound;
  }`, { reader: memoryReader({}) });
  return result.protocol!.messages[0];
}

describe('checking an answer against the contract', () => {
  it('takes a response that fits, and explains one that does not by its path', async () => {
    const message = await lookup();
    expect(checkResponse(message, { name: 'a', price: 2n ** 63n - 1n })).toEqual({ kind: 'ok' });
    const outcome = checkResponse(message, { name: 'a', price: 'free' });
    expect(outcome).toMatchObject({ kind: 'violation', problem: expect.stringContaining('at response.price: expected a long') });
  });

  it('takes a declared error, not an undeclared one, nor one whose value does not fit', async () => {
    const message = await lookup();
    expect(checkFailure(message, new DeclaredError('t.NotFound', { name: 'x' }))).toEqual({ kind: 'declared', type: 't.NotFound' });
    expect(checkFailure(message, new DeclaredError('t.Other', { name: 'x' }))).toMatchObject({ kind: 'violation', problem: 'error t.Other is not declared by lookup' });
    expect(checkFailure(message, new DeclaredError('t.NotFound', { name: 5 }))).toMatchObject({ kind: 'violation', problem: expect.stringContaining('t.NotFound.name') });
  });

  it('counts system errors and silence as violations', async () => {
    const message = await lookup();
    expect(checkFailure(message, new RemoteSystemError('boom'))).toEqual({ kind: 'violation', problem: 'system error: boom' });
    expect(checkFailure(message, new TransportError('deadline exceeded'))).toEqual({ kind: 'violation', problem: 'no answer: deadline exceeded' });
  });
});
