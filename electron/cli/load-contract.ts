/**
 * Loads a contract file for the CLI, whatever its form: `.avpr` (a protocol), `.avsc` (a schema,
 * or a list of named schemas) or `.avdl` (IDL, compiled with its imports). Problems become one
 * error whose message is ready to show the user.
 */
import path from 'node:path';
import { parseLocatedJson } from '../../shared/avro/located-json.js';
import type { NamedSchema, Protocol, Schema } from '../../shared/avro/model.js';
import { readProtocolJson, readSchemaJson, SchemaReadError } from '../../shared/avro/schema-reader.js';
import type { SourceReader } from '../../shared/idl/compile.js';
import { nodeSourceReader } from '../runtime/fs-reader.js';

export type Contract =
  | { kind: 'protocol'; protocol: Protocol; warnings: string[] }
  | { kind: 'schema'; schema: Schema; warnings: string[] }
  | { kind: 'schemas'; schemas: NamedSchema[]; warnings: string[] };

export interface LoadContractOptions {
  /** Directories searched for IDL imports not found beside the importing file. */
  importPaths?: string[];
  /** How files are read (default: the local file system). */
  reader?: SourceReader;
  /** How to show a path in messages (default: as given). */
  displayPath?: (file: string) => string;
}

/** A contract that cannot be loaded; the message says what and where, one problem per line. */
export class ContractLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractLoadError';
  }
}

type Format = 'protocol' | 'schema' | 'idl';

export async function loadContract(file: string, options: LoadContractOptions = {}): Promise<Contract> {
  const reader = options.reader ?? nodeSourceReader;
  const display = options.displayPath ?? ((p: string) => p);
  let text: string | undefined;
  try {
    text = await reader.read(file);
  } catch (error) {
    throw new ContractLoadError(`cannot read ${display(file)}: ${(error as Error).message}`);
  }
  if (text === undefined) throw new ContractLoadError(`cannot read ${display(file)}: no such file`);

  const format = formatOf(file, text);
  if (format === 'idl') return loadIdl(file, reader, options, display);
  const warnings: string[] = [];
  const onWarning = (w: { message: string }) => warnings.push(`warning: ${w.message}`);
  try {
    if (format === 'protocol') return { kind: 'protocol', protocol: readProtocolJson(text, { file: display(file), onWarning }), warnings };
    const read = readSchemaJson(text, { file: display(file), onWarning });
    if (read.list) return { kind: 'schemas', schemas: read.list, warnings };
    return { kind: 'schema', schema: read.schema, warnings };
  } catch (error) {
    if (error instanceof SchemaReadError) throw new ContractLoadError(error.message);
    throw error;
  }
}

/** By extension; for any other name, by content: JSON with a `protocol` member, other JSON, or IDL. */
function formatOf(file: string, text: string): Format {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.avpr') return 'protocol';
  if (ext === '.avsc') return 'schema';
  if (ext === '.avdl') return 'idl';
  try {
    const { value } = parseLocatedJson(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) && 'protocol' in value ? 'protocol' : 'schema';
  } catch {
    return 'idl';
  }
}

async function loadIdl(file: string, reader: SourceReader, options: LoadContractOptions, display: (p: string) => string): Promise<Contract> {
  // Loaded on demand: checking JSON contracts should not pay for the IDL compiler.
  const { compileIdl, formatDiagnostics } = await import('../../shared/idl/compile.js');
  const result = await compileIdl(file, { reader, importPaths: options.importPaths ?? [] });
  const lines = formatDiagnostics(result, display);
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    throw new ContractLoadError([...lines, `${display(file)}: ${errors} error${errors === 1 ? '' : 's'} in the IDL`].join('\n'));
  }
  const warnings = lines;
  if (result.kind === 'protocol' && result.protocol) return { kind: 'protocol', protocol: result.protocol, warnings };
  if (result.kind === 'schema' && result.schema) return { kind: 'schema', schema: result.schema, warnings };
  return { kind: 'schemas', schemas: result.schemas ?? [], warnings };
}
