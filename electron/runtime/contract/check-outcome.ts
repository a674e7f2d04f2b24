/**
 * Judges one answer of a contract test against the message's contract:
 *
 * - a response that validates against the response schema: `ok`;
 * - a declared error whose value validates against its schema: `declared` (refusing a request is
 *   the server's right, as long as it says so in the contract's terms);
 * - anything else is a `violation`: a response or error value that does not fit (with the paths),
 *   an error type the message does not declare, a system error (Avro's undeclared `string`
 *   error: on a valid request it means the server failed or refused outside its contract, so it
 *   counts, whatever the message's docs say), a dropped connection or a missed deadline.
 */
import { isNamed, type Message } from '../../../shared/avro/model.js';
import { describeProblems, validateValue } from '../../../shared/avro/validate-value.js';
import { DeclaredError, errorMessage, RemoteSystemError, TransportError } from '../rpc/errors.js';

export type Outcome = { kind: 'ok' } | { kind: 'declared'; type: string } | { kind: 'violation'; problem: string };

export function checkResponse(message: Message, response: unknown): Outcome {
  // A one-way message has no response to judge: being accepted is all it can do.
  if (message.oneWay) return { kind: 'ok' };
  const problems = validateValue(message.response, response, 'response');
  return problems.length === 0 ? { kind: 'ok' } : { kind: 'violation', problem: `the response does not fit the contract: ${describeProblems(problems, 3)}` };
}

export function checkFailure(message: Message, error: unknown): Outcome {
  if (error instanceof DeclaredError) {
    const schema = message.errors.find((e) => isNamed(e) && e.fullName === error.type);
    if (!schema) return { kind: 'violation', problem: `error ${error.type} is not declared by ${message.name}` };
    const problems = validateValue(schema, error.value, error.type);
    return problems.length === 0 ? { kind: 'declared', type: error.type } : { kind: 'violation', problem: `the declared error does not fit the contract: ${describeProblems(problems, 3)}` };
  }
  if (error instanceof RemoteSystemError) return { kind: 'violation', problem: `system error: ${error.message}` };
  if (error instanceof TransportError) return { kind: 'violation', problem: `no answer: ${error.message}` };
  return { kind: 'violation', problem: `${error instanceof Error ? error.name : 'error'}: ${errorMessage(error)}` };
}
