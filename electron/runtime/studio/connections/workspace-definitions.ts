/**
 * The protocols the workspace defines: every `definitions/**\/*.avdl` and `*.avpr`, compiled with
 * the shared IDL front end (imports read through the Workspace, so they stay inside it), by full
 * name, each with the MD5 a node serving it would send in the handshake. Nodes' protocols are
 * compared against these (drift.ts). A file that does not compile is skipped and reported: one
 * broken contract must not hide the others.
 */
import type { Protocol } from '../../../../shared/avro/model.js';
import { readProtocolJson } from '../../../../shared/avro/schema-reader.js';
import { compileIdl, formatDiagnostics, type SourceReader } from '../../../../shared/idl/compile.js';
import type { WorkspacePath } from '../../../../shared/studio/api.js';
import { errorMessage } from '../../rpc/errors.js';
import { ProtocolCodec } from '../../rpc/protocol-codec.js';
import type { Workspace } from '../workspace.js';

export const DEFINITIONS_FOLDER = 'definitions/';

export interface WorkspaceDefinition {
  /** The file that defines it, relative to the workspace. */
  file: WorkspacePath;
  protocol: Protocol;
  /** The handshake MD5 of the protocol as the runtime would serve it (32 hex digits). */
  md5: string;
}

/** Definitions by protocol full name. */
export type Definitions = ReadonlyMap<string, WorkspaceDefinition>;

/** Whether a workspace path is a contract this module reads. */
export function isDefinitionFile(path: string): boolean {
  return path.startsWith(DEFINITIONS_FOLDER) && /\.(avdl|avpr)$/i.test(path);
}

export async function loadDefinitions(workspace: Workspace, log: (message: string) => void): Promise<Map<string, WorkspaceDefinition>> {
  const found = new Map<string, WorkspaceDefinition>();
  let files: string[];
  try {
    files = (await workspace.list()).filter((entry) => entry.kind === 'file' && isDefinitionFile(entry.path)).map((entry) => entry.path);
  } catch (error) {
    log(`cannot list the workspace's definitions: ${errorMessage(error)}; nodes' protocols are compared with none`);
    return found;
  }
  // One read per file however many others import it.
  const texts = new Map<string, Promise<string | undefined>>();
  const reader: SourceReader = {
    read(path) {
      let text = texts.get(path);
      if (!text) {
        text = workspace.read(path).then((content) => content.text, (error: unknown) => {
          if ((error as { code?: string }).code === 'not-found') return undefined;
          throw error;
        });
        texts.set(path, text);
      }
      return text;
    },
  };
  for (const file of files) {
    const protocol = file.toLowerCase().endsWith('.avpr') ? await readAvpr(file, reader, log) : await compileAvdl(file, reader, log);
    if (!protocol) continue;
    let md5: string;
    try {
      md5 = new ProtocolCodec(protocol).hashKey;
    } catch (error) {
      log(`${file}: the protocol cannot be served as it is (${errorMessage(error)}); skipped when comparing nodes' protocols`);
      continue;
    }
    const name = protocol.namespace ? `${protocol.namespace}.${protocol.protocol}` : protocol.protocol;
    const earlier = found.get(name);
    if (earlier) {
      log(`${file} defines ${name} again (${earlier.file} did first); nodes' protocols are compared with ${earlier.file}`);
      continue;
    }
    found.set(name, { file, protocol, md5 });
  }
  return found;
}

/** A protocol file's protocol; schema files (no `protocol`) are not contracts of a node, and are skipped quietly. */
async function compileAvdl(file: string, reader: SourceReader, log: (message: string) => void): Promise<Protocol | undefined> {
  const result = await compileIdl(file, { reader });
  if (!result.ok) {
    const errors = formatDiagnostics({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') });
    log(`${file} does not compile, so nodes' protocols are not compared with it: ${errors.slice(0, 3).join('; ')}${errors.length > 3 ? `; and ${errors.length - 3} more` : ''}`);
    return undefined;
  }
  return result.kind === 'protocol' ? result.protocol : undefined;
}

async function readAvpr(file: string, reader: SourceReader, log: (message: string) => void): Promise<Protocol | undefined> {
  try {
    const text = await reader.read(file);
    if (text === undefined) return undefined;
    return readProtocolJson(text, { file });
  } catch (error) {
    log(`${file} is not a protocol the studio can read, so nodes' protocols are not compared with it: ${errorMessage(error)}`);
    return undefined;
  }
}
