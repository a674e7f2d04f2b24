/**
 * Why a call did not return a response, as the studio shows it: the outcome kind and a message
 * saying what failed, where, and what to do; a declared error as its type and Avro JSON value.
 */
import type { CallResult } from '../../../../shared/studio/api.js';
import type { Message } from '../../../../shared/avro/model.js';
import { toJsonText } from '../../../../shared/avro/json-text.js';
import { DeclaredError, errorMessage, ProtocolViolation, RemoteSystemError, TransportError } from '../../rpc/errors.js';
import { declaredErrorJson } from '../../rpc/avro-call.js';

export type CallFailure = Pick<CallResult, 'outcome' | 'message' | 'errorType' | 'body'>;

export interface FailureContext {
  /** The node's URL. */
  endpoint: string;
  message: Message;
  /** Set when our own signal ended the call: the user cancelled it, or its deadline passed. */
  stopped?: 'cancelled' | 'timeout';
  deadlineMs?: number;
}

export function stoppedFailure(stopped: 'cancelled' | 'timeout', endpoint: string, deadlineMs: number | undefined): CallFailure {
  return stopped === 'cancelled'
    ? { outcome: 'cancelled', message: `cancelled before ${endpoint} answered` }
    : { outcome: 'timeout', message: `${endpoint} did not answer within the deadline of ${deadlineMs} ms: raise the deadline, or check that the node is not stuck` };
}

export function callFailure(error: unknown, context: FailureContext): CallFailure {
  if (context.stopped) return stoppedFailure(context.stopped, context.endpoint, context.deadlineMs);
  if (error instanceof DeclaredError) {
    return { outcome: 'declared-error', errorType: error.type, body: toJsonText(declaredErrorJson(context.message, error)) };
  }
  if (error instanceof RemoteSystemError) return { outcome: 'system-error', message: `${context.endpoint} answered with a system error: ${error.message}` };
  if (error instanceof TransportError) return { outcome: 'transport-error', message: transportMessage(error, context.endpoint) };
  if (error instanceof ProtocolViolation) return { outcome: 'transport-error', message: `${context.endpoint} answered with something this client cannot read: ${error.message}` };
  // RpcClient refuses to encode a value that does not fit (parseRequest should have caught it).
  if (error instanceof TypeError && /^invalid request/.test(error.message)) return { outcome: 'invalid-request', message: error.message };
  return { outcome: 'transport-error', message: `the call to ${context.endpoint} failed: ${errorMessage(error)}` };
}

/** The channel's message names the endpoint already; add what to do where we know it. */
export function transportMessage(error: unknown, endpoint: string): string {
  const text = errorMessage(error);
  const host = hostOf(endpoint);
  const where = host && text.includes(host) ? text : `${endpoint}: ${text}`;
  if (/ECONNREFUSED/.test(text)) return `${where} (is the node running, and at this address?)`;
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return `${where} (the host name does not resolve)`;
  return where;
}

function hostOf(endpoint: string): string | undefined {
  try {
    return new URL(endpoint).host;
  } catch {
    return undefined;
  }
}
