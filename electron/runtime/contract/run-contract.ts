/**
 * Runs a contract test of one protocol: every message called with every generated request
 * (`request-cases.ts`), every answer judged (`check-outcome.ts`), counted per message.
 *
 * Messages without parameters run first: the strings they return (module paths, topic and
 * pipeline names) are then tried wherever a string goes, so requests also reach what the node
 * really has, not only names it has never heard of.
 */
import type { Message, Protocol } from '../../../shared/avro/model.js';
import { asEngineValue } from '../rpc/engine-value.js';
import { checkFailure, checkResponse, type Outcome } from './check-outcome.js';
import { requestCases, type CaseOptions } from './request-cases.js';

/** Sends one call, as `RpcClient.call` does. */
export type CallFn = (message: string, request: Record<string, unknown>, options: { timeoutMs?: number }) => Promise<unknown>;

export interface Violation {
  /** The request that caused it (`request.limit = -1`). */
  label: string;
  problem: string;
}

export interface MessageReport {
  message: string;
  cases: number;
  ok: number;
  declared: number;
  violations: Violation[];
}

export interface ProtocolReport {
  /** The protocol's full name. */
  protocol: string;
  messages: MessageReport[];
  /** Strings the parameterless messages returned, for the next protocol's requests too. */
  learned: string[];
}

export interface ContractOptions extends CaseOptions {
  /** Per call, in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** Message names not to call. */
  skip?: string[];
  /** Called after each message, for progress output. */
  onMessage?: (report: MessageReport) => void;
}

const MAX_LEARNED = 12;
const MAX_LEARNED_LENGTH = 200;

export async function runContract(protocol: Protocol, call: CallFn, options: ContractOptions = {}): Promise<ProtocolReport> {
  const fullName = protocol.namespace ? `${protocol.namespace}.${protocol.protocol}` : protocol.protocol;
  const skip = new Set(options.skip ?? []);
  const messages = protocol.messages.filter((m) => !skip.has(m.name));
  const first = messages.filter((m) => m.request.length === 0);
  const rest = messages.filter((m) => m.request.length > 0);
  const learned = new Set(options.strings ?? []);
  const reports = new Map<string, MessageReport>();
  for (const message of [...first, ...rest]) {
    const onOk = message.request.length === 0 ? (response: unknown) => learn(response, learned) : undefined;
    const report = await testMessage(message, call, { ...options, strings: [...learned] }, onOk);
    reports.set(message.name, report);
    options.onMessage?.(report);
  }
  // Reported in the protocol's order, however they ran.
  return { protocol: fullName, messages: messages.map((m) => reports.get(m.name)!), learned: [...learned].slice(0, MAX_LEARNED) };
}

async function testMessage(message: Message, call: CallFn, options: ContractOptions, onOk?: (response: unknown) => void): Promise<MessageReport> {
  const report: MessageReport = { message: message.name, cases: 0, ok: 0, declared: 0, violations: [] };
  for (const { label, request } of requestCases(message, options)) {
    report.cases++;
    let outcome: Outcome;
    try {
      const response = await call(message.name, asEngineValue(request) as Record<string, unknown>, { timeoutMs: options.timeoutMs ?? 10_000 });
      outcome = checkResponse(message, response);
      if (outcome.kind === 'ok') onOk?.(response);
    } catch (error) {
      // Our own request not fitting the contract is a bug here, not the node's: say so loudly.
      if (error instanceof TypeError && error.message.startsWith('invalid request')) throw new Error(`contract-test generated an invalid request for ${message.name} (${label}): ${error.message}`, { cause: error });
      outcome = checkFailure(message, error);
    }
    if (outcome.kind === 'ok') report.ok++;
    else if (outcome.kind === 'declared') report.declared++;
    else report.violations.push({ label, problem: outcome.problem });
  }
  return report;
}

/** Keeps the strings of a `string` or `array<string>` response. */
function learn(response: unknown, into: Set<string>): void {
  const strings = typeof response === 'string' ? [response] : Array.isArray(response) ? response.filter((s): s is string => typeof s === 'string') : [];
  for (const s of strings) {
    if (into.size >= MAX_LEARNED) return;
    if (s.length <= MAX_LEARNED_LENGTH) into.add(s);
  }
}
