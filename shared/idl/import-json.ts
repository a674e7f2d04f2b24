/**
 * `import schema "x.avsc"` and `import protocol "x.avpr"`: reads Avro JSON into the
 * compilation's names, as Java's IDL reader does. Errors point into the imported file and at
 * the import statement.
 */
import type * as Ast from './ast.js';
import type { Compilation } from './compile.js';
import type { MessageDraft } from './lower.js';
import { span } from './source.js';
import { readProtocolJson, readSchemaJson, SchemaReadError } from '../avro/schema-reader.js';

export function importJsonFile(decl: Ast.ImportDecl, importer: string, path: string, text: string, compilation: Compilation): MessageDraft[] {
  const names = new Map(compilation.names);
  try {
    if (decl.importKind === 'protocol') {
      const protocol = readProtocolJson(text, { file: path, names });
      for (const type of protocol.types) registerImported(type, compilation, path);
      return protocol.messages.map((message) => ({ kind: 'json', message, file: importer, range: span(decl) }));
    }
    const read = readSchemaJson(text, { file: path, names });
    for (const type of read.defined) registerImported(type, compilation, path);
    return [];
  } catch (error) {
    if (!(error instanceof SchemaReadError)) throw error;
    const offset = error.offset ?? 0;
    const where = error.path ? `${error.path}: ` : '';
    compilation.report(path, { start: offset, end: offset }, `${where}${error.detail}`, 'invalid-json-schema');
    compilation.report(importer, decl.path, `cannot import "${decl.path.value}": ${error.message}`, 'invalid-import');
    return [];
  }
}

function registerImported(type: import('../avro/model.js').NamedSchema, compilation: Compilation, path: string): void {
  if (!compilation.register(type)) return;
  const range = type.origin ? { start: type.origin.start, end: type.origin.end } : { start: 0, end: 0 };
  compilation.symbols.define({ id: type.fullName, kind: type.type, name: type.name, fullName: type.fullName, file: path, nameRange: range, range, doc: type.doc, detail: `${type.type} ${type.fullName}` });
}
