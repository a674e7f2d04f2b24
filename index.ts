/**
 * The package root (`import ... from 'spl-studio'`): the Avro IDL front end, the schema model
 * and its JSON reader and writer, and schema compatibility. Later issues add the runtime API.
 */
export { compileIdl, compileIdlText, compileResultToJson, formatDiagnostics } from './shared/idl/compile.js';
export type { CompileOptions, CompileResult, SourceFile, SourceReader } from './shared/idl/compile.js';
export { parseIdl } from './shared/idl/parser.js';
export type { ParseResult } from './shared/idl/parser.js';
export { formatIdl } from './shared/idl/format.js';
export { SymbolIndex } from './shared/idl/symbols.js';
export type { SymbolDefinition, SymbolKind, SymbolReference } from './shared/idl/symbols.js';
export { formatDiagnostic, locate } from './shared/idl/diagnostics.js';
export type { Diagnostic, LocatedDiagnostic, Severity } from './shared/idl/diagnostics.js';
export type * as IdlAst from './shared/idl/ast.js';
export { LineIndex } from './shared/idl/source.js';
export type { Range, LineCol } from './shared/idl/source.js';

export type * from './shared/avro/model.js';
export { protocolToJson, schemaToJson, schemasToJson } from './shared/avro/schema-writer.js';
export { readProtocolJson, readSchemaJson, SchemaReadError } from './shared/avro/schema-reader.js';
export { toJsonText } from './shared/avro/json-text.js';
export { checkDefault } from './shared/avro/default-value.js';

export { checkSchemaCompatibility } from './shared/compat/schema-compatibility.js';
export { checkSchemaEvolution, checkSchemaSetEvolution } from './shared/compat/schema-evolution.js';
export { checkProtocolCompatibility } from './shared/compat/protocol-compatibility.js';
export type * from './shared/compat/report.js';

export { nodeSourceReader } from './electron/runtime/fs-reader.js';
