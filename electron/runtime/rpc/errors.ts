/** Errors of the RPC layer, each saying what failed and where, so callers and the studio can act. */

/** The bytes on the wire are not a valid Avro RPC message (framing, handshake, or payload). */
export class ProtocolViolation extends Error {
  override name = 'ProtocolViolation';
}

/** The caller did not present the token this server requires. */
export class Unauthorized extends ProtocolViolation {
  override name = 'Unauthorized';
}

/** A frame or message is larger than the configured limit. */
export class LimitExceeded extends ProtocolViolation {
  override name = 'LimitExceeded';
}

/** The two sides' protocols differ in a way Avro's schema resolution cannot reconcile. */
export class IncompatibleProtocols extends Error {
  override name = 'IncompatibleProtocols';
}

/** The remote side answered with a system error (the `string` branch of the error union). */
export class RemoteSystemError extends Error {
  override name = 'RemoteSystemError';
}

/** The remote side answered with one of the message's declared errors. */
export class DeclaredError extends Error {
  override name = 'DeclaredError';
  /**
   * @param type  the error type's full name (e.g. `org.apache.avro.test.TestError`)
   * @param value the error record
   */
  constructor(
    readonly type: string,
    readonly value: unknown,
  ) {
    super(`${type}: ${describeErrorValue(value)}`);
  }
}

/** The call could not be delivered or answered: connection refused or lost, deadline, cancel. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    /** True when the request certainly never reached the server, so retrying is safe. */
    readonly notSent = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * What went wrong, as text, whatever was thrown: an Error's message, a string, or a description of
 * any other value. Never throws (objects without a prototype, throwing getters, symbols).
 */
export function errorMessage(error: unknown): string {
  try {
    if (error instanceof Error) return typeof error.message === 'string' && error.message !== '' ? error.message : error.name || 'error';
    if (typeof error === 'string') return error;
    return describeErrorValue(error);
  } catch {
    return 'an error that cannot be described';
  }
}

function describeErrorValue(value: unknown): string {
  try {
    if (value && typeof value === 'object' && 'message' in value && typeof (value as { message: unknown }).message === 'string') {
      return (value as { message: string }).message;
    }
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    if (text !== undefined) return text;
  } catch {
    // Cyclic, or a getter that throws: fall through to a plainer description.
  }
  try {
    return String(value);
  } catch {
    return 'a value that cannot be described';
  }
}
