/**
 * The messages between the diagnostics client and its worker, and the worker's side of them:
 * all workspace files and a path in; out, the markers of that path, then its compiled JSON. Kept apart
 * from the worker's entry point so the main thread (when it has no worker) and tests run the
 * very same code.
 */
import type { CompiledOutput, LanguageService, Marker } from '../../../../shared/idl/service/index.js';

export interface DiagnosticsRequest {
  id: number;
  files: [string, string][];
  path: string;
}

export interface DiagnosticsResponse {
  id: number;
  path: string;
  markers: Marker[];
  output?: CompiledOutput;
  errorCount: number;
  warningCount: number;
  /** How long the language service took so far, in ms. */
  elapsedMs: number;
  /**
   * False on the first of two answers: the markers, sent as soon as they are known; the final
   * answer follows with the compiled JSON (a file without errors only), which takes longer to write.
   */
  final: boolean;
  /** The service failed (a bug): why, so the client can say so instead of waiting. */
  failure?: string;
}

/** Answers one request through `post`: the markers first, then (without errors) the markers with the compiled JSON. */
export async function answerDiagnosticsRequest(service: LanguageService, request: DiagnosticsRequest, post: (response: DiagnosticsResponse) => void): Promise<void> {
  const started = performance.now();
  const files = new Map(request.files);
  try {
    const markers = await service.diagnostics(files, request.path, { output: false });
    const outputFollows = markers.errorCount === 0;
    post({ id: request.id, ...markers, elapsedMs: performance.now() - started, final: !outputFollows });
    if (!outputFollows) return;
    const full = await service.diagnostics(files, request.path);
    post({ id: request.id, ...full, elapsedMs: performance.now() - started, final: true });
  } catch (error) {
    post({
      id: request.id, path: request.path, markers: [], errorCount: 0, warningCount: 0, elapsedMs: performance.now() - started, final: true,
      failure: String((error as Error)?.stack ?? error),
    });
  }
}
