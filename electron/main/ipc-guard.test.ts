/** The main process's IPC gate, from plain facts: no Electron needed. */
import { describe, expect, it } from 'vitest';
import { StudioSession } from '../../shared/studio/session.js';
import { createMemoryStudioApi } from '../../shared/studio/memory-api.js';
import { isAppUrl, refusal, senderProblem, type SenderFacts } from './ipc-guard.js';

const ours: SenderFacts = { senderId: 3, windowContentsId: 3, frameUrl: 'app://studio/index.html', isMainFrame: true };

describe('senderProblem', () => {
  it('lets our window\'s page through', () => {
    expect(senderProblem(ours)).toBeUndefined();
    expect(senderProblem({ ...ours, frameUrl: 'app://studio/' })).toBeUndefined();
    expect(senderProblem({ ...ours, frameUrl: 'app://studio/index.html#/x?y' })).toBeUndefined();
  });

  it('refuses another webContents, or none', () => {
    expect(senderProblem({ ...ours, senderId: 4 })).toBe('the call did not come from the studio window');
    expect(senderProblem({ ...ours, windowContentsId: undefined })).toBe('the call did not come from the studio window');
  });

  it('refuses subframes', () => {
    expect(senderProblem({ ...ours, isMainFrame: false })).toBe('the call came from a subframe, not the studio page');
  });

  it.each([
    [undefined],
    ['https://evil.example/'],
    ['http://127.0.0.1:5173/'],
    ['file:///tmp/index.html'],
    ['app://evil/index.html'],
    ['app://studio.evil/index.html'],
    ['app://user:pw@studio/'],
    ['apps://studio/'],
    ['not a url'],
    ['about:blank'],
    ['data:text/html,<script>1</script>'],
  ])('refuses a frame showing %s', (frameUrl) => {
    expect(senderProblem({ ...ours, frameUrl })).toMatch(/^the call came from a page outside the studio/);
  });

  it('isAppUrl is about scheme and host only', () => {
    expect(isAppUrl('APP://STUDIO/index.html')).toBe(true);
    expect(isAppUrl('app://studio:80/')).toBe(false);
  });
});

describe('after the gate', () => {
  it('a refused call is unauthorized and runs nothing', () => {
    expect(refusal('x')).toEqual({ ok: false, error: { code: 'unauthorized', message: 'studio.call refused: x' } });
  });

  it('arguments are still validated by the method table', async () => {
    const session = new StudioSession(createMemoryStudioApi(), () => {});
    expect(await session.call('workspace.read', ['../../etc/passwd'])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await session.call('workspace.read', 'a')).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: 'workspace.read: arguments must be an array, got "a"' } });
    expect(await session.call({ toString: () => 'host.info' }, [])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});
