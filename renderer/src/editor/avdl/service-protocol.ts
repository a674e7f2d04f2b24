/**
 * Language service requests (completion, hover, navigation, rename, format, outline) sent to
 * the diagnostics worker, and the worker's side of them. The worker compiled the file for its
 * diagnostics a moment ago, so its cache answers at once, and the main thread never compiles.
 */
import type { LanguageService } from '../../../../shared/idl/service/index.js';

export type ServiceMethod = Exclude<keyof LanguageService, 'diagnostics'>;

export interface ServiceRequest {
  id: number;
  method: ServiceMethod;
  files: [string, string][];
  path: string;
  /** The method's arguments after files and path (a position, a new name...). */
  args: unknown[];
}

export interface ServiceResponse {
  id: number;
  method: ServiceMethod;
  result?: unknown;
  failure?: string;
}

const METHODS: ReadonlySet<string> = new Set<ServiceMethod>(['completions', 'hover', 'definition', 'references', 'prepareRename', 'rename', 'format', 'outline']);

export function isServiceRequest(message: unknown): message is ServiceRequest {
  return typeof message === 'object' && message !== null && METHODS.has((message as { method?: string }).method ?? '');
}

export async function answerServiceRequest(service: LanguageService, request: ServiceRequest): Promise<ServiceResponse> {
  try {
    const call = service[request.method] as (files: Map<string, string>, path: string, ...args: unknown[]) => Promise<unknown>;
    const result = await call.call(service, new Map(request.files), request.path, ...request.args);
    return { id: request.id, method: request.method, result };
  } catch (error) {
    return { id: request.id, method: request.method, failure: String((error as Error)?.stack ?? error) };
  }
}
