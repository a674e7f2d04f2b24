/**
 * The StudioApi over Electron IPC. Calls come in on one channel, `studio.call`
 * (`ipcRenderer.invoke(method, args)`), pass the sender gate (ipc-guard.ts) and then the
 * session, which validates the arguments and runs the method; the reply is the call's outcome.
 * Events go out on `studio.event` as the bridge's event messages; menu commands on
 * `studio.command`.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { StudioApi } from '../../shared/studio/api.js';
import type { CallOutcome } from '../../shared/studio/bridge.js';
import type { StudioCommand } from '../../shared/studio/commands.js';
import { StudioSession } from '../../shared/studio/session.js';
import { refusal, senderProblem } from './ipc-guard.js';

export const CALL_CHANNEL = 'studio.call';
export const EVENT_CHANNEL = 'studio.event';
export const COMMAND_CHANNEL = 'studio.command';

export interface StudioIpc {
  /** Serves `api` from now on (a newly opened workspace), dropping the previous one's events. */
  serve(api: StudioApi): void;
  command(command: StudioCommand): void;
  close(): void;
}

export function serveStudioIpc(window: BrowserWindow, log: (message: string) => void): StudioIpc {
  let session: StudioSession | undefined;
  const send = (channel: string, message: unknown) => {
    if (!window.isDestroyed()) window.webContents.send(channel, message);
  };

  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, args: unknown): Promise<CallOutcome> => {
    const frame = event.senderFrame;
    const problem = senderProblem({
      senderId: event.sender.id,
      windowContentsId: window.isDestroyed() ? undefined : window.webContents.id,
      frameUrl: frame?.url,
      isMainFrame: frame !== null && frame.parent === null,
    });
    if (problem) {
      log(`studio: ${problem}`);
      return refusal(problem);
    }
    if (!session) return { ok: false, error: { code: 'io', message: 'no workspace is open' } };
    return session.call(method, args);
  });

  return {
    serve(api) {
      session?.close();
      session = new StudioSession(api, (message) => send(EVENT_CHANNEL, message), { log });
    },
    command(command) {
      send(COMMAND_CHANNEL, command);
    },
    close() {
      session?.close();
      ipcMain.removeHandler(CALL_CHANNEL);
    },
  };
}
