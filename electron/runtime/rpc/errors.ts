/** Errors of the RPC layer, each saying what failed and where, so callers and the studio can act. */

/** The bytes on the wire are not a valid Avro RPC message (framing, handshake, or payload). */
export class ProtocolViolation extends Error {
  override name = 'ProtocolViolation';
}

/** A frame or message is larger than the configured limit. */
export class LimitExceeded extends ProtocolViolation {
  override name = 'LimitExceeded';
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

function describeErrorValue(value: unknown): string {
  if (value && typeof value === 'object' && 'message' in value && typeof (value as { message: unknown }).message === 'string') {
    return (value as { message: string }).message;
  }
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return String(value);
  }
}
