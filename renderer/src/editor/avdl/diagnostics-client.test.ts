// @vitest-environment node
/** The diagnostics client: debounce, newest request wins, markers and output, the main-thread fallback. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Monaco from 'monaco-editor/editor';
import { createDiagnosticsClient, type DiagnosticsUpdate, type WorkerLike } from './diagnostics-client.js';
import { createLanguageService } from '../../../../shared/idl/service/index.js';
import { answerDiagnosticsRequest, type DiagnosticsRequest, type DiagnosticsResponse } from './diagnostics-protocol.js';
import { createFakeHost, createFakeModel, createFakeMonaco, type FakeModel } from './fake-monaco.js';
import { answerServiceRequest, isServiceRequest, type ServiceRequest, type ServiceResponse } from './service-protocol.js';

const asModel = (model: FakeModel) => model as unknown as Monaco.editor.ITextModel;

/** A worker that answers only when told to. */
function heldWorker() {
  const sent: DiagnosticsRequest[] = [];
  const calls: ServiceRequest[] = [];
  const worker: WorkerLike & { sent: DiagnosticsRequest[]; calls: ServiceRequest[]; answer(response: Partial<DiagnosticsResponse> & { id: number }): void; reply(response: ServiceResponse): void; fail(): void } = {
    sent,
    calls,
    onmessage: null,
    onerror: null,
    postMessage: (message) => (isServiceRequest(message) ? calls.push(message) : sent.push(message)),
    reply(response) {
      worker.onmessage!({ data: response } as MessageEvent<ServiceResponse>);
    },
    terminate: vi.fn(),
    answer(response) {
      const request = sent.find((r) => r.id === response.id);
      worker.onmessage!({ data: { path: request?.path ?? 'unknown.avdl', markers: [], errorCount: 0, warningCount: 0, elapsedMs: 1, final: true, ...response } } as MessageEvent<DiagnosticsResponse>);
    },
    fail() {
      worker.onerror!({} as ErrorEvent);
    },
  };
  return worker;
}

/** A worker that runs the worker's own code in this thread, as diagnostics.worker.ts routes it. */
function loopbackWorker(): WorkerLike & { served: string[] } {
  const service = createLanguageService();
  const worker: WorkerLike & { served: string[] } = {
    served: [],
    onmessage: null,
    onerror: null,
    postMessage(message) {
      const deliver = (data: DiagnosticsResponse | ServiceResponse) => worker.onmessage?.({ data } as MessageEvent<DiagnosticsResponse | ServiceResponse>);
      if (isServiceRequest(message)) {
        worker.served.push(message.method);
        void answerServiceRequest(service, message).then(deliver);
      } else void answerDiagnosticsRequest(service, message, deliver);
    },
    terminate: vi.fn(),
  };
  return worker;
}

function setUp(files: Record<string, string>) {
  const fake = createFakeMonaco();
  const host = createFakeHost(new Map(Object.entries(files)), fake.monaco);
  return { fake, host };
}

const VALID = 'protocol P { record R { int x; } }';
const BROKEN = 'protocol P { record R { strin x; } }';

describe('diagnostics client', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('checks at once when tracking starts, then 25 ms after the last keystroke, once', async () => {
    const { fake, host } = setUp({ 'p.avdl': VALID });
    const worker = heldWorker();
    const client = createDiagnosticsClient(() => worker, { monaco: fake.monaco, host });
    expect(client.mode).toBe('worker');
    const model = createFakeModel('p.avdl', VALID);
    client.track(asModel(model), 'p.avdl');
    expect(worker.sent.map((r) => r.id)).toEqual([1]);
    worker.answer({ id: 1 });
    model.setValue('protocol P { record R { int x; }');
    await vi.advanceTimersByTimeAsync(20);
    model.setValue('protocol P { record R { int x; } }');
    await vi.advanceTimersByTimeAsync(24);
    expect(worker.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(worker.sent).toHaveLength(2);
    // The model's text, not the host's copy, with the rest of the workspace.
    expect(worker.sent[1]).toEqual({ id: 2, path: 'p.avdl', files: [['p.avdl', 'protocol P { record R { int x; } }']] });
  });

  it('keeps one request in flight; edits meanwhile become one newer request, and stale answers are dropped', async () => {
    const { fake, host } = setUp({ 'p.avdl': VALID });
    const worker = heldWorker();
    const client = createDiagnosticsClient(() => worker, { monaco: fake.monaco, host });
    const model = createFakeModel('p.avdl', VALID);
    const updates: DiagnosticsUpdate[] = [];
    client.track(asModel(model), 'p.avdl', (u) => updates.push(u));
    model.setValue('protocol P { record R { int y; } }');
    await vi.advanceTimersByTimeAsync(60);
    model.setValue('protocol P { record R { int z; } }');
    await vi.advanceTimersByTimeAsync(60);
    expect(worker.sent).toHaveLength(1); // request 1 still in flight
    worker.answer({ id: 99 }); // not in flight: ignored
    expect(updates).toHaveLength(0);
    worker.answer({ id: 1, markers: [{ severity: 'error', message: 'old', code: 'x', range: { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 2 } }] });
    expect(updates).toHaveLength(1);
    // The newest text goes next, once.
    expect(worker.sent.map((r) => [r.id, r.files[0][1]])).toEqual([[1, VALID], [2, 'protocol P { record R { int z; } }']]);
    worker.answer({ id: 2 });
    expect(fake.markers.get('avdl:file:///workspace/p.avdl')).toEqual([]);
    expect(updates).toHaveLength(2);
  });

  it('sets markers from the first answer and hands the compiled JSON on with the final one', async () => {
    const { fake, host } = setUp({ 'p.avdl': VALID });
    const worker = heldWorker();
    const client = createDiagnosticsClient(() => worker, { monaco: fake.monaco, host });
    const updates: DiagnosticsUpdate[] = [];
    const model = createFakeModel('p.avdl', VALID);
    client.track(asModel(model), 'p.avdl', (u) => updates.push(u));
    const warning = { severity: 'warning' as const, message: 'w', code: 'w', range: { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 2 } };
    worker.answer({ id: 1, markers: [warning], warningCount: 1, final: false });
    expect(fake.markers.get('avdl:file:///workspace/p.avdl')).toEqual([expect.objectContaining({ severity: 4, message: 'w' })]);
    expect(updates).toEqual([]);
    // The next request does not wait for the JSON.
    model.setValue(BROKEN);
    await vi.advanceTimersByTimeAsync(50);
    expect(worker.sent).toHaveLength(2);
    // The JSON of request 1 arrives after request 2 was sent: request 1 is no longer the newest.
    worker.answer({ id: 1, markers: [warning], warningCount: 1, output: { kind: 'avpr', text: '{}' } });
    expect(updates).toEqual([]);
    worker.answer({ id: 2, errorCount: 1 });
    expect(updates).toEqual([expect.objectContaining({ errorCount: 1, output: undefined })]);
  });

  it('sets ranged markers and hands the compiled JSON on, on the main thread when there is no worker', async () => {
    const { fake, host } = setUp({ 'p.avdl': VALID });
    const client = createDiagnosticsClient(() => {
      throw new ReferenceError('Worker is not defined');
    }, { monaco: fake.monaco, host });
    expect(client.mode).toBe('main-thread');
    const model = createFakeModel('p.avdl', VALID);
    const updates: DiagnosticsUpdate[] = [];
    client.track(asModel(model), 'p.avdl', (u) => updates.push(u));
    await vi.advanceTimersByTimeAsync(0);
    expect(updates[0]).toMatchObject({ errorCount: 0, output: { kind: 'avpr', text: expect.stringContaining('"protocol": "P"') } });
    model.setValue(BROKEN);
    await vi.advanceTimersByTimeAsync(50);
    expect(updates[1]).toMatchObject({ errorCount: 1, output: undefined });
    expect(updates[1].latencyMs).toBeGreaterThanOrEqual(25);
    expect(fake.markers.get('avdl:file:///workspace/p.avdl')).toEqual([expect.objectContaining({
      severity: 8, source: 'avdl', code: 'unknown-type', message: expect.stringContaining("unknown type 'strin'"),
      startLineNumber: 1, startColumn: 25, endLineNumber: 1, endColumn: 30,
    })]);
  });

  it('falls back to the main thread when the worker fails, re-sending what was in flight', async () => {
    const { fake, host } = setUp({ 'p.avdl': BROKEN });
    const worker = heldWorker();
    const client = createDiagnosticsClient(() => worker, { monaco: fake.monaco, host });
    const updates: DiagnosticsUpdate[] = [];
    client.track(asModel(createFakeModel('p.avdl', BROKEN)), 'p.avdl', (u) => updates.push(u));
    worker.fail();
    expect(client.mode).toBe('main-thread');
    await vi.advanceTimersByTimeAsync(0);
    expect(updates).toEqual([expect.objectContaining({ errorCount: 1 })]);
  });

  it('checks other tracked files again after an edit, since they may import it', async () => {
    const common = 'namespace c;\nrecord Money { long cents; }';
    const app = 'protocol A { import idl "common.avdl"; record R { c.Money m; } }';
    const { fake, host } = setUp({ 'common.avdl': common, 'app.avdl': app });
    const client = createDiagnosticsClient(undefined, { monaco: fake.monaco, host });
    const commonModel = createFakeModel('common.avdl', common);
    const appUpdates: DiagnosticsUpdate[] = [];
    client.track(asModel(commonModel), 'common.avdl');
    await vi.advanceTimersByTimeAsync(0);
    client.track(asModel(createFakeModel('app.avdl', app)), 'app.avdl', (u) => appUpdates.push(u));
    await vi.advanceTimersByTimeAsync(0);
    expect(appUpdates[0].errorCount).toBe(0);
    // The host sees open buffers: the shell's files() includes the edited common.avdl.
    const renamed = 'namespace c;\nrecord Cash { long cents; }';
    commonModel.setValue(renamed);
    (host as { files: () => Map<string, string> }).files = () => new Map([['common.avdl', renamed], ['app.avdl', app]]);
    await vi.advanceTimersByTimeAsync(300);
    expect(appUpdates.at(-1)).toMatchObject({ errorCount: 1, markers: [expect.objectContaining({ code: 'unknown-type' })] });
  });

  it('clears markers when tracking ends or the model goes', async () => {
    const { fake, host } = setUp({ 'p.avdl': BROKEN, 'q.avdl': BROKEN });
    const client = createDiagnosticsClient(undefined, { monaco: fake.monaco, host });
    const p = createFakeModel('p.avdl', BROKEN);
    const q = createFakeModel('q.avdl', BROKEN);
    const tracking = client.track(asModel(p), 'p.avdl');
    await vi.advanceTimersByTimeAsync(0);
    client.track(asModel(q), 'q.avdl');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.markers.get('avdl:file:///workspace/p.avdl')).toHaveLength(1);
    tracking.dispose();
    expect(fake.markers.get('avdl:file:///workspace/p.avdl')).toEqual([]);
    q.dispose();
    const calls = fake.setMarkerCalls;
    q.setValue('protocol Q {}');
    await vi.advanceTimersByTimeAsync(100);
    expect(fake.setMarkerCalls).toBe(calls);
  });

  it('serves completion, hover and navigation from the worker that compiled for the diagnostics', async () => {
    const text = 'protocol P {\n  record R { int x; }\n  R get();\n}';
    const { fake, host } = setUp({ 'p.avdl': text });
    const worker = loopbackWorker();
    const client = createDiagnosticsClient(() => worker, { monaco: fake.monaco, host });
    client.track(asModel(createFakeModel('p.avdl', text)), 'p.avdl');
    await vi.advanceTimersByTimeAsync(0);
    const files = host.files();
    const hover = await client.languageService.hover(files, 'p.avdl', { lineNumber: 3, column: 3 });
    expect(hover?.markdown).toContain('record R');
    expect(await client.languageService.definition(files, 'p.avdl', { lineNumber: 3, column: 3 })).toEqual([{ path: 'p.avdl', range: { startLineNumber: 2, startColumn: 10, endLineNumber: 2, endColumn: 11 } }]);
    expect((await client.languageService.rename(files, 'p.avdl', { lineNumber: 3, column: 3 }, 'int')).ok).toBe(false);
    expect((await client.languageService.outline(files, 'p.avdl'))[0].name).toBe('P');
    expect(worker.served).toEqual(['hover', 'definition', 'rename', 'outline']);
  });

  it('rejects a failed service call, and answers pending ones on the main thread when the worker fails', async () => {
    const { fake, host } = setUp({ 'p.avdl': VALID });
    const worker = heldWorker();
    const client = createDiagnosticsClient(() => worker, { monaco: fake.monaco, host });
    const failing = client.languageService.outline(host.files(), 'p.avdl');
    worker.reply({ id: worker.calls[0].id, method: 'outline', failure: 'boom' });
    await expect(failing).rejects.toThrow('boom');
    const pending = client.languageService.outline(host.files(), 'p.avdl');
    expect(worker.calls).toHaveLength(2);
    worker.fail();
    expect((await pending)[0].name).toBe('P');
    // Without a worker, calls go to the main thread's service.
    expect((await client.languageService.hover(host.files(), 'p.avdl', { lineNumber: 1, column: 21 }))?.markdown).toContain('record R');
  });

  it('needs a Monaco namespace and host, from registration or options', () => {
    expect(() => createDiagnosticsClient()).toThrow(/registerAvdlLanguage/);
  });
});
