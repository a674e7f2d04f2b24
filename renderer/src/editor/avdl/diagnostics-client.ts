/**
 * Live diagnostics for Avro IDL models: ~50 ms after the last keystroke, the model's file (with
 * every workspace file it may import) goes to a worker running the language service; its first
 * answer becomes the model's markers (owner `avdl`), and its final one, with the compiled JSON,
 * goes to a callback for the preview panel.
 *
 * Newest request wins: at most one request is in flight; edits made meanwhile coalesce into
 * one next request, and an answer older than the model's latest request is dropped. Without a
 * worker (tests, or a worker that fails to load) the same code runs on the main thread.
 */
import type * as Monaco from 'monaco-editor/editor';
import { createLanguageService, type CompiledOutput, type Files, type LanguageService, type Marker } from '../../../../shared/idl/service/index.js';
import { toMarkerData } from './convert.js';
import { answerDiagnosticsRequest, type DiagnosticsRequest, type DiagnosticsResponse } from './diagnostics-protocol.js';
import { filesWith, type AvdlHost, type MonacoNamespace } from './host.js';
import { currentRegistration } from './register.js';
import { answerServiceRequest, type ServiceMethod, type ServiceRequest, type ServiceResponse } from './service-protocol.js';

export const MARKER_OWNER = 'avdl';

export interface DiagnosticsUpdate {
  path: string;
  markers: Marker[];
  /** The compiled JSON (`.avpr`/`.avsc`), when the file has no errors. */
  output?: CompiledOutput;
  errorCount: number;
  warningCount: number;
  /** The language service's time, in ms. */
  elapsedMs: number;
  /** From the last edit of the model to its markers being set, in ms (debounce included). */
  latencyMs: number;
  /** Set when the service failed (a bug), with what it said. */
  failure?: string;
}

/** What the client needs of a Worker (a real one, or a stand-in in tests). */
export interface WorkerLike {
  postMessage(message: DiagnosticsRequest | ServiceRequest): void;
  onmessage: ((event: MessageEvent<DiagnosticsResponse | ServiceResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface DiagnosticsClientOptions {
  /** Default: those given to registerAvdlLanguage. */
  monaco?: MonacoNamespace;
  host?: AvdlHost;
  /**
   * Quiet time after the last keystroke before compiling (default 25 ms): shorter than the gap
   * between a fast typist's keystrokes, so the markers for the text as it stands arrive within
   * 100 ms of the last one; the worker drops superseded requests.
   */
  debounceMs?: number;
  /** Other tracked models are checked again this long after an edit, as they may import the edited file (default 300 ms). */
  dependentsDelayMs?: number;
  /** The language service for the main-thread fallback (default: a new one). */
  service?: LanguageService;
  /**
   * Whether the registration's providers switch to this client's worker (default: when the
   * client takes Monaco and the host from the registration, and has a worker).
   */
  serveProviders?: boolean;
}

export interface DiagnosticsClient extends Monaco.IDisposable {
  /** Keeps the model's markers up to date until the returned disposable (or the model) is disposed. */
  track(model: Monaco.editor.ITextModel, path: string, onOutput?: (update: DiagnosticsUpdate) => void): Monaco.IDisposable;
  /** Checks every tracked model again (say, after files changed on disk). */
  refresh(): void;
  /** Where compilations run. */
  readonly mode: 'worker' | 'main-thread';
  /**
   * The language service behind the same worker: give it to registerAvdlLanguage, and
   * completion, hover and navigation run off the main thread, against the compilation the
   * diagnostics just made (the main thread would compile the file again first).
   */
  readonly languageService: LanguageService;
}

interface Tracked {
  model: Monaco.editor.ITextModel;
  path: string;
  onOutput?: (update: DiagnosticsUpdate) => void;
  timer?: ReturnType<typeof setTimeout>;
  lastEditAt: number;
  /** The id of the newest request sent for this model. */
  sentId: number;
  /** A request is due but waits for the one in flight. */
  pending: boolean;
  /** The request whose markers the model shows, and how long after the edit they were set. */
  markersId: number;
  markersLatencyMs: number;
  disposed: boolean;
  subscriptions: Monaco.IDisposable[];
}

export function createDiagnosticsClient(makeWorker?: () => WorkerLike | Worker, options: DiagnosticsClientOptions = {}): DiagnosticsClient {
  const registration = currentRegistration();
  const monaco = options.monaco ?? registration?.monaco;
  const host = options.host ?? registration?.host;
  if (!monaco || !host) throw new Error('createDiagnosticsClient: call registerAvdlLanguage(monaco, host) first, or pass { monaco, host }');
  const debounceMs = options.debounceMs ?? 25;
  const dependentsDelayMs = options.dependentsDelayMs ?? 300;
  const tracked = new Set<Tracked>();
  let inFlight: { id: number; state: Tracked; request: DiagnosticsRequest } | undefined;
  /** Requests whose final answer has not come yet. */
  const outstanding = new Map<number, { state: Tracked; request: DiagnosticsRequest }>();
  let sequence = 0;
  let worker: WorkerLike | undefined;
  // Never the registration's service: that may be this client's own languageService.
  let local = options.service;
  const localService = (): LanguageService => (local ??= createLanguageService());
  const serviceCalls = new Map<number, { request: ServiceRequest; resolve: (result: unknown) => void; reject: (error: Error) => void }>();

  const mainThread = (request: DiagnosticsRequest): void => {
    void answerDiagnosticsRequest(localService(), request, receive);
  };

  const settle = (response: ServiceResponse): void => {
    const call = serviceCalls.get(response.id);
    if (!call) return;
    serviceCalls.delete(response.id);
    if (response.failure !== undefined) call.reject(new Error(response.failure));
    else call.resolve(response.result);
  };

  const call = <T>(method: ServiceMethod, files: Files, path: string, args: unknown[]): Promise<T> => {
    const request: ServiceRequest = { id: ++sequence, method, files: [...files], path, args };
    return new Promise<T>((resolve, reject) => {
      serviceCalls.set(request.id, { request, resolve: resolve as (result: unknown) => void, reject });
      if (worker) worker.postMessage(request);
      else void answerServiceRequest(localService(), request).then(settle);
    });
  };

  const languageService: LanguageService = {
    diagnostics: (files, path, opts) => localService().diagnostics(files, path, opts),
    completions: (files, path, position) => call('completions', files, path, [position]),
    hover: (files, path, position) => call('hover', files, path, [position]),
    definition: (files, path, position) => call('definition', files, path, [position]),
    references: (files, path, position, includeDeclaration) => call('references', files, path, [position, includeDeclaration]),
    prepareRename: (files, path, position) => call('prepareRename', files, path, [position]),
    rename: (files, path, position, newName) => call('rename', files, path, [position, newName]),
    format: (files, path, opts) => call('format', files, path, [opts]),
    outline: (files, path) => call('outline', files, path, []),
  };

  const send = (request: DiagnosticsRequest): void => {
    if (worker) worker.postMessage(request);
    else mainThread(request);
  };

  const request = (state: Tracked): void => {
    if (state.disposed || state.model.isDisposed()) return;
    if (inFlight) {
      state.pending = true;
      return;
    }
    state.pending = false;
    const id = ++sequence;
    state.sentId = id;
    const files = filesWith(host, state.path, state.model.getValue());
    const message: DiagnosticsRequest = { id, files: [...files], path: state.path };
    inFlight = { id, state, request: message };
    outstanding.set(id, { state, request: message });
    send(message);
  };

  function receive(response: DiagnosticsResponse): void {
    const state = outstanding.get(response.id)?.state;
    if (!state) return;
    if (response.final) outstanding.delete(response.id);
    // The markers are what the next request waits for; the compiled JSON may follow later.
    const wasInFlight = inFlight?.id === response.id;
    if (wasInFlight) inFlight = undefined;
    if (!state.disposed && !state.model.isDisposed() && response.id === state.sentId) {
      if (state.markersId !== response.id) {
        monaco!.editor.setModelMarkers(state.model, MARKER_OWNER, response.markers.map((m) => toMarkerData(monaco!, host!, m)));
        state.markersId = response.id;
        state.markersLatencyMs = performance.now() - state.lastEditAt;
      }
      if (response.final) {
        state.onOutput?.({
          path: response.path, markers: response.markers, output: response.output, errorCount: response.errorCount, warningCount: response.warningCount,
          elapsedMs: response.elapsedMs, latencyMs: state.markersLatencyMs, failure: response.failure,
        });
      }
    }
    if (!wasInFlight) return;
    // Then the waiting model edited most recently.
    const next = [...tracked].filter((s) => s.pending && s.timer === undefined).sort((a, b) => b.lastEditAt - a.lastEditAt)[0];
    if (next) request(next);
  }

  if (makeWorker) {
    // Where there is no Worker (tests, old hosts) constructing one throws: then the main thread it is.
    try {
      worker = makeWorker() as WorkerLike;
      worker.onmessage = (event) => {
        const data = event.data;
        if ('method' in data) settle(data);
        else receive(data);
      };
      // A worker that cannot start (a bundling problem, a CSP) must not cost the user anything.
      worker.onerror = () => {
        worker?.terminate();
        worker = undefined;
        // Everything still unanswered (markers, or the JSON after them) is asked again here.
        for (const { request } of outstanding.values()) mainThread(request);
        for (const { request } of serviceCalls.values()) void answerServiceRequest(localService(), request).then(settle);
      };
    } catch {
      worker = undefined;
    }
  }

  // Completion, hover and navigation then run where the diagnostics' compilation already is.
  const served = registration && worker && (options.serveProviders ?? (!options.monaco && !options.host)) ? registration : undefined;
  const previousService = served?.service;
  if (served) served.service = languageService;

  const schedule = (state: Tracked, delay: number): void => {
    if (state.timer !== undefined) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      request(state);
    }, delay);
  };

  const untrack = (state: Tracked): void => {
    if (state.disposed) return;
    state.disposed = true;
    if (state.timer !== undefined) clearTimeout(state.timer);
    for (const s of state.subscriptions) s.dispose();
    tracked.delete(state);
    if (!state.model.isDisposed()) monaco.editor.setModelMarkers(state.model, MARKER_OWNER, []);
  };

  return {
    languageService,
    get mode() {
      return worker ? 'worker' : 'main-thread';
    },
    track(model, path, onOutput) {
      const state: Tracked = {
        model, path, onOutput, lastEditAt: performance.now(), sentId: 0, pending: false, markersId: 0, markersLatencyMs: 0, disposed: false, subscriptions: [],
      };
      state.subscriptions.push(
        model.onDidChangeContent(() => {
          state.lastEditAt = performance.now();
          schedule(state, debounceMs);
          for (const other of tracked) if (other !== state) schedule(other, dependentsDelayMs);
        }),
        model.onWillDispose(() => untrack(state)),
      );
      tracked.add(state);
      request(state);
      return { dispose: () => untrack(state) };
    },
    refresh() {
      for (const state of tracked) schedule(state, debounceMs);
    },
    dispose() {
      for (const state of [...tracked]) untrack(state);
      if (served && previousService && served.service === languageService) served.service = previousService;
      worker?.terminate();
      worker = undefined;
    },
  };
}
