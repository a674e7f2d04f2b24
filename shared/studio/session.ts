/**
 * The host's side of one renderer connection: takes decoded messages, dispatches the calls
 * through methods.ts (which validates them), and sends results and events back through a
 * callback. The web host's WebSocket and Electron's IPC both use it, so both answer alike.
 * Nothing a page sends can throw out of here: bad messages get an error result, or are dropped
 * with a logged reason when they carry no usable id.
 */
import { StudioError, type StudioApi, type StudioErrorShape } from './api.js';
import { parseCallMessage, type CallOutcome, type HostMessage } from './bridge.js';
import { dispatch, STUDIO_EVENTS } from './methods.js';

export interface StudioSessionOptions {
  /** Where to say why a message was dropped or a method failed unexpectedly (default: nowhere). */
  log?: (message: string) => void;
}

export class StudioSession {
  private readonly unsubscribe: (() => void)[];
  private closed = false;
  private readonly log: (message: string) => void;

  constructor(
    private readonly api: StudioApi,
    private readonly send: (message: HostMessage) => void,
    options: StudioSessionOptions = {},
  ) {
    this.log = options.log ?? (() => {});
    this.unsubscribe = STUDIO_EVENTS.map((event) => api.on(event, (payload) => this.emit({ kind: 'event', event, payload })));
  }

  /** Handles one message from the renderer (already decoded from JSON or structured clone). */
  async receive(message: unknown): Promise<void> {
    const parsed = parseCallMessage(message);
    if (!parsed.ok) {
      if (parsed.id === undefined) this.log(`studio: dropped a message: ${parsed.reason}`);
      else this.emit({ kind: 'result', id: parsed.id, ok: false, error: { code: 'invalid-argument', message: parsed.reason } });
      return;
    }
    const outcome = await this.call(parsed.call.method, parsed.call.args);
    this.emit({ kind: 'result', id: parsed.call.id, ...outcome });
  }

  /** Runs one call and returns its outcome; never rejects. IPC's invoke returns this directly. */
  async call(method: unknown, args: unknown): Promise<CallOutcome> {
    try {
      if (typeof method !== 'string') throw new StudioError('invalid-argument', 'a call needs a method name (a string)');
      return { ok: true, value: await dispatch(this.api, method, args) };
    } catch (error) {
      return { ok: false, error: this.errorShape(String(method), error) };
    }
  }

  /** Stops forwarding events; later results are dropped. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.unsubscribe) stop();
  }

  private errorShape(method: string, error: unknown): StudioErrorShape {
    if (error instanceof StudioError) return { code: error.code, message: error.message };
    // A bug, not the caller's fault: say so, and keep the detail in the host's log.
    const detail = error instanceof Error ? error.stack ?? error.message : String(error);
    this.log(`studio: ${method.slice(0, 128)} failed unexpectedly: ${detail}`);
    return { code: 'internal', message: `${method.slice(0, 128)}: ${error instanceof Error ? error.message : String(error)}` };
  }

  private emit(message: HostMessage): void {
    if (this.closed) return;
    try {
      this.send(message);
    } catch (error) {
      this.log(`studio: could not send a ${message.kind} message: ${(error as Error)?.message ?? String(error)}`);
    }
  }
}
