/** The result types of the compatibility checks, shared by the checker, the CLI and the studio. */

/** One reason a reader cannot read what a writer wrote. */
export interface Incompatibility {
  /**
   * Where, in one style throughout: a root label (`Order`, `request`, `response`, `errors`)
   * followed by `.field` for record fields and parameters, `[]` for array items, `{}` for map
   * values and `(Branch)` for a union branch: `Order.items[].price`, `request.arg2`,
   * `response(Pong).kind`. Empty for the message or schema as a whole.
   */
  path: string;
  message: string;
}

/**
 * Which direction must work. For schemas: `backward` means the new schema reads data written
 * with the old one, `forward` the old schema reads data written with the new one. For protocols:
 * `backward` means old clients can call a new server, `forward` new clients an old server.
 * `full` is both.
 */
export type CompatibilityMode = 'backward' | 'forward' | 'full';

export const COMPATIBILITY_MODES: readonly CompatibilityMode[] = ['backward', 'forward', 'full'];

/** `added`/`removed` when the message or type exists on one side only, whether that breaks or not. */
export type CompatibilityStatus = 'compatible' | 'incompatible' | 'added' | 'removed';

export interface MessageCompatibility {
  name: string;
  status: CompatibilityStatus;
  /** Why an old client calling a new server fails (the server reads old requests, the client new responses). */
  oldClientNewServer: Incompatibility[];
  /** Why a new client calling an old server fails. */
  newClientOldServer: Incompatibility[];
}

export interface ProtocolCompatibilityReport {
  kind: 'protocol';
  mode: CompatibilityMode;
  /** Full names of the two protocols. */
  oldProtocol: string;
  newProtocol: string;
  /** The old protocol's messages in order, then the added ones. */
  messages: MessageCompatibility[];
  /** Things worth knowing that do not break Avro RPC itself (a renamed protocol, say). */
  warnings: string[];
  /** True when no message breaks in the directions `mode` asks for. */
  compatible: boolean;
}

export interface SchemaCompatibility {
  /** The type's full name (or the schema's short description when it has no name). */
  name: string;
  status: CompatibilityStatus;
  /** Why the new schema cannot read data written with the old one. */
  backward: Incompatibility[];
  /** Why the old schema cannot read data written with the new one. */
  forward: Incompatibility[];
}

export interface SchemaCompatibilityReport {
  kind: 'schema';
  mode: CompatibilityMode;
  schemas: SchemaCompatibility[];
  compatible: boolean;
}

export type CompatibilityReport = ProtocolCompatibilityReport | SchemaCompatibilityReport;

/** The incompatibilities that count in a mode, given those of the backward and forward directions. */
export function relevant(mode: CompatibilityMode, backward: Incompatibility[], forward: Incompatibility[]): Incompatibility[] {
  if (mode === 'backward') return backward;
  if (mode === 'forward') return forward;
  return [...backward, ...forward];
}
