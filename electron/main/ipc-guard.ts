/**
 * Who may call the StudioApi over IPC, decided from plain facts about the sender so it can be
 * tested without Electron. Only our window's own page may call: the right webContents, its
 * main frame (not an iframe a page could embed), showing our app:// origin (not a page it
 * was somehow navigated to). Arguments are checked afterwards by the method table, as for
 * the web host.
 */
import type { CallOutcome } from '../../shared/studio/bridge.js';

/** The scheme and host the renderer is served from (app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface SenderFacts {
  /** `event.sender.id`. */
  senderId: number;
  /** Our window's `webContents.id`, or undefined when no window is open. */
  windowContentsId: number | undefined;
  /** `event.senderFrame?.url`: undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** Whether the sending frame is its webContents' main frame. */
  isMainFrame: boolean;
}

/** Whether `url` is a page of ours: `app://studio/...`. */
export function isAppUrl(url: string | undefined): boolean {
  if (url === undefined) return false;
  try {
    // Compared by parts: a custom scheme's URL has an opaque ("null") origin.
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host.toLowerCase() === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** Why this sender may not call, or undefined if it may. */
export function senderProblem(facts: SenderFacts): string | undefined {
  if (facts.windowContentsId === undefined || facts.senderId !== facts.windowContentsId) return 'the call did not come from the studio window';
  if (!facts.isMainFrame) return 'the call came from a subframe, not the studio page';
  if (!isAppUrl(facts.frameUrl)) return `the call came from a page outside the studio (${String(facts.frameUrl).slice(0, 100)})`;
  return undefined;
}

/** The outcome a refused sender gets (and nothing else: no method runs). */
export function refusal(problem: string): CallOutcome {
  return { ok: false, error: { code: 'unauthorized', message: `studio.call refused: ${problem}` } };
}
