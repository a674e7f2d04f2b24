/**
 * The SPL service contracts (`definitions/*.avdl`, shipped with the package), compiled once.
 * A node serves exactly these protocols; a compile error here is a packaging bug, reported in full.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { compileIdl, formatDiagnostics } from '../../shared/idl/compile.js';
import type { Protocol } from '../../shared/avro/model.js';
import { nodeSourceReader } from './fs-reader.js';

export type SplService = 'execute' | 'data' | 'pipeline' | 'node' | 'container';

/** The definitions folder: beside the package root, whether running from sources or dist/. */
export function definitionsDir(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'definitions');
    if (existsSync(path.join(candidate, 'spl-execute.avdl'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error('cannot find the SPL definitions (definitions/spl-execute.avdl) above ' + import.meta.dirname);
  }
}

const cache = new Map<SplService, Promise<Protocol>>();

export function loadDefinition(service: SplService): Promise<Protocol> {
  let found = cache.get(service);
  if (!found) {
    found = (async () => {
      const file = path.join(definitionsDir(), `spl-${service}.avdl`);
      const result = await compileIdl(file, { reader: nodeSourceReader });
      if (!result.ok || !result.protocol) throw new Error(`the SPL definition ${file} does not compile:\n${formatDiagnostics(result).join('\n')}`);
      return result.protocol;
    })();
    cache.set(service, found);
  }
  return found;
}
