/**
 * The bridge between the studio's renderer and its host: the wire messages, identical over
 * Electron IPC and the web host's WebSocket, and the `StudioBridge` a renderer holds. The
 * renderer turns a bridge into a `StudioApi` with `createStudioApi` (client.ts); a host answers
 * one with a `StudioSession` (session.ts).
 *
 *   renderer -> host   {kind: 'call', id, method, args}
 *   host -> renderer   {kind: 'result', id, ok: true, value}
 *                      {kind: 'result', id, ok: false, error: {code, message}}
 *                      {kind: 'event', event, payload}
 */
import type { StudioErrorCode, StudioErrorShape, StudioEvents } from './api.js';
import type { StudioCommand } from './commands.js';

export interface CallMessage {
  kind: 'call';
  /** Chosen by the renderer; the result carries it back. A non-negative safe integer. */
  id: number;
  method: string;
  args: unknown[];
}

/** A call's result, without the envelope: what `StudioBridge.invoke` resolves to. */
export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: StudioErrorShape };

export type ResultMessage = { kind: 'result'; id: number } & CallOutcome;

export interface EventMessage<E extends keyof StudioEvents = keyof StudioEvents> {
  kind: 'event';
  event: E;
  payload: StudioEvents[E];
}

export type HostMessage = ResultMessage | EventMessage;

/**
 * What a renderer needs from its host. Electron's preload exposes exactly this (as
 * `window.splStudio`); in a browser, `createSocketBridge` makes one from a WebSocket.
 *
 * `invoke` resolves to the outcome rather than rejecting with the error, because an Error
 * crossing Electron's context bridge keeps only its message, and the renderer needs the code.
 */
export interface StudioBridge {
  invoke(method: string, args: unknown[]): Promise<CallOutcome>;
  /** Listens to one event; returns a function that stops listening. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/** What Electron's preload exposes as `window.splStudio`: the bridge, plus the native menus' commands. */
export interface DesktopBridge extends StudioBridge {
  onCommand(listener: (command: StudioCommand) => void): () => void;
}

const ERROR_CODES: readonly StudioErrorCode[] = ['invalid-argument', 'not-found', 'conflict', 'io', 'unauthorized', 'internal'];
const MAX_METHOD_LENGTH = 128;

export function isStudioErrorCode(value: unknown): value is StudioErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** A message from the renderer, checked: a call, or why not (with its id when that much was readable). */
export type ParsedCall = { ok: true; call: CallMessage } | { ok: false; id?: number; reason: string };

/** Checks an incoming (already JSON-decoded) message's envelope; the method and arguments are checked on dispatch. */
export function parseCallMessage(value: unknown): ParsedCall {
  if (!isRecord(value)) return { ok: false, reason: 'a message must be an object' };
  if (value.kind !== 'call') return { ok: false, reason: `unknown message kind ${JSON.stringify(String(value.kind)).slice(0, 40)}; only "call" is accepted` };
  if (!isId(value.id)) return { ok: false, reason: 'a call needs an id: a non-negative integer' };
  const id = value.id;
  if (typeof value.method !== 'string' || value.method.length > MAX_METHOD_LENGTH) return { ok: false, id, reason: 'a call needs a method name (a string)' };
  if (!Array.isArray(value.args)) return { ok: false, id, reason: `${value.method}: a call's args must be an array` };
  return { ok: true, call: { kind: 'call', id, method: value.method, args: value.args } };
}

/** Checks a message from the host (the renderer trusts its host, but not blindly: a bad message is dropped, not thrown). */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.kind === 'event') {
    return typeof value.event === 'string' ? { kind: 'event', event: value.event as keyof StudioEvents, payload: value.payload as StudioEvents[keyof StudioEvents] } : undefined;
  }
  if (value.kind !== 'result' || !isId(value.id)) return undefined;
  const outcome = parseOutcome(value);
  return outcome && { kind: 'result', id: value.id, ...outcome };
}

/** Checks a `CallOutcome`; undefined if it is not one. */
export function parseOutcome(value: unknown): CallOutcome | undefined {
  if (!isRecord(value)) return undefined;
  if (value.ok === true) return { ok: true, value: value.value };
  if (value.ok !== false || !isRecord(value.error)) return undefined;
  const { code, message } = value.error;
  if (!isStudioErrorCode(code) || typeof message !== 'string') return undefined;
  return { ok: false, error: { code, message } };
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
