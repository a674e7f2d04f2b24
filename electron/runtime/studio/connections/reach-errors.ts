/**
 * Failures to reach a node, said so that a user can act: what failed, at which URL, and what to
 * check. The runtime's errors say what happened on the wire; these add what to do about it.
 */
import { StudioError } from '../../../../shared/studio/api.js';
import { DeclaredError, errorMessage, TransportError } from '../../rpc/errors.js';

/**
 * `closed`: a TCP server hung up on the handshake without a word, which our nodes do for a
 * missing token but also for a protocol they do not serve: asking differently may still work.
 */
export type ReachKind = 'refused' | 'token' | 'closed' | 'timeout' | 'tls' | 'other';

/** What kind of failure `error` is, from the transports' errors and messages. */
export function reachKind(error: unknown): ReachKind {
  // A declared error is an answer in the contract's terms, whatever its text says.
  if (error instanceof DeclaredError) return 'other';
  const message = errorMessage(error);
  const code = (error as { cause?: NodeJS.ErrnoException } | undefined)?.cause?.code ?? '';
  if (/closed the connection without answering/.test(message)) return 'closed';
  if (/HTTP 40[13]\b|\btoken\b/i.test(message)) return 'token';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|certificate|TLS|SSL/i.test(`${code} ${message}`)) return 'tls';
  if (error instanceof TransportError && error.notSent) return 'refused';
  if (/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ECONNRESET/.test(`${code} ${message}`)) return 'refused';
  if (/deadline|did not answer|timed out|timeout/i.test(message)) return 'timeout';
  return 'other';
}

/** Whether the failure means nothing answered at all (so no other way of asking will do better). */
export function nothingAnswered(error: unknown): boolean {
  const kind = reachKind(error);
  return kind === 'refused' || kind === 'timeout' || kind === 'tls' || kind === 'token';
}

/** `endpoint` could not be reached: why, and what to check. */
export function reachProblem(endpoint: string, error: unknown): string {
  const cause = errorMessage(error);
  switch (reachKind(error)) {
    case 'refused':
      return `cannot reach ${endpoint}: ${cause}. Check that the node is running and listens there (spl node --http PORT or --tcp PORT), and that the host and port in the URL are right`;
    case 'token':
      return `${endpoint} refused the studio: ${cause}. It needs a token, or not the one stored: edit the connection and set its token (the node's --token)`;
    case 'closed':
      return `${cause}. If the node needs a token, edit the connection and set its token (the node's --token); otherwise check that ${endpoint} is an Avro RPC server`;
    case 'timeout':
      return `${endpoint} did not answer in time: ${cause}. Check that the node is not overloaded and that nothing between here and it drops the connection`;
    case 'tls':
      return `the TLS connection to ${endpoint} failed: ${cause}. If the node's certificate is self-signed or from a private authority, set the connection's CA file to that authority's PEM`;
    default:
      return `${endpoint} failed: ${cause}`;
  }
}

/** A failed request to a node, as the renderer should see it: `unauthorized` for tokens, else `io`. */
export function nodeRequestError(what: string, endpoint: string, error: unknown): StudioError {
  if (error instanceof StudioError) return error;
  return new StudioError(reachKind(error) === 'token' ? 'unauthorized' : 'io', `${what}: ${reachProblem(endpoint, error)}`);
}
