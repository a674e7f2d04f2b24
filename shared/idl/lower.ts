/**
 * First pass over one IDL file, in source order as Java's reader walks it: imports are read
 * where they stand, named types are declared (so later files and forward references see
 * them), and messages are collected. Field and message types are resolved in the second
 * pass (resolve.ts), once every name of the compilation is known.
 */
import type * as Ast from './ast.js';
import type { Compilation } from './compile.js';
import { SCHEMA_RESERVED, PROTOCOL_RESERVED, splitAnnotations } from './annotations.js';
import { NO_ALIASES, type EnumSchema, type FixedSchema, type Message, type NamedSchema, type Props, type RecordSchema } from '../avro/model.js';
import { fullNameProblem, nameProblem, resolveName, splitFullName } from '../avro/names.js';
import { parseIntegerLiteral } from './literals.js';
import { span, type Range } from './source.js';

export type MessageDraft =
  | { kind: 'idl'; decl: Ast.MessageDecl; file: string; namespace: string | undefined }
  | { kind: 'json'; message: Message; file: string; range: Range };

export interface PendingRecord {
  schema: RecordSchema;
  decl: Ast.RecordDecl;
  file: string;
}

export interface ProtocolHeader {
  name: string;
  namespace: string | undefined;
  doc?: string;
  props: Props;
  decl: Ast.ProtocolDecl;
}

export interface FileLowering {
  file: string;
  ast: Ast.IdlFile;
  /** The namespace names resolve in at file level. */
  namespace: string | undefined;
  protocol?: ProtocolHeader;
  /** Messages in Java's order: imported ones where their import stands. */
  messages: MessageDraft[];
  /** Named declarations of this file whose bodies wait for the second pass. */
  records: PendingRecord[];
  /** A second definition of an already defined name: compared once both are resolved. */
  redefinitions: { first: NamedSchema; second: NamedSchema; file: string; range: Range }[];
}

/** Type names Java refuses because they would read as primitive or logical type keywords. */
const RESERVED_TYPE_NAMES = new Set(['boolean', 'int', 'long', 'float', 'double', 'bytes', 'string', 'null', 'date', 'time_ms', 'timestamp_ms', 'localtimestamp_ms', 'local_timestamp_ms', 'uuid']);

export function reporterFor(compilation: Compilation, file: string) {
  return (node: Range, message: string, severity: 'error' | 'warning' = 'error', code = 'invalid'): void =>
    compilation.report(file, node, message, code, severity);
}

/** Checks each dot-separated part of a namespace; reports the first bad one. */
export function checkNamespace(namespace: string | undefined, node: Range, report: ReturnType<typeof reporterFor>): void {
  const problem = namespace ? fullNameProblem(namespace, 'namespace') : undefined;
  if (problem) report(node, problem, 'error', 'invalid-name');
}

function describeKind(decl: Ast.NamedTypeDecl): 'record' | 'error' | 'enum' | 'fixed' {
  if (decl.kind === 'Record') return decl.isError ? 'error' : 'record';
  return decl.kind === 'Enum' ? 'enum' : 'fixed';
}

function declareNamed(decl: Ast.NamedTypeDecl, contextNamespace: string | undefined, lowering: FileLowering, compilation: Compilation): void {
  const file = lowering.file;
  const report = reporterFor(compilation, file);
  if (decl.name.missing) return;
  const split = splitAnnotations(decl.annotations, { namespace: true, aliases: true, reserved: SCHEMA_RESERVED, what: `a ${describeKind(decl)}` }, report);
  const { name, namespace, fullName } = splitFullName(decl.name.text, split.namespace ?? contextNamespace);
  const problem = nameProblem(name, `${describeKind(decl)} name`);
  if (problem) report(decl.name, problem, 'error', 'invalid-name');
  else if (RESERVED_TYPE_NAMES.has(name)) report(decl.name, `'${name}' cannot name a type: it is a primitive or logical type`, 'error', 'invalid-name');
  checkNamespace(namespace, decl.name, report);
  const aliases = split.aliases ? split.aliases.map((alias) => resolveName(alias, namespace)) : NO_ALIASES;
  const base = { name, namespace, fullName, doc: decl.doc?.text, aliases, props: split.props, origin: { file, start: decl.name.start, end: decl.name.end } };
  let schema: NamedSchema;
  if (decl.kind === 'Record') {
    schema = { ...base, type: decl.isError ? 'error' : 'record', fields: [] } satisfies RecordSchema;
    lowering.records.push({ schema, decl, file });
  } else if (decl.kind === 'Enum') {
    schema = { ...base, type: 'enum', symbols: enumSymbols(decl, report) } satisfies EnumSchema;
    if (decl.defaultSymbol && !decl.defaultSymbol.missing) {
      const symbol = decl.defaultSymbol.text;
      if (schema.symbols.includes(symbol)) schema.default = symbol;
      else report(decl.defaultSymbol, `the default '${symbol}' is not a symbol of enum ${name} (symbols: ${schema.symbols.join(', ')})`, 'error', 'invalid-default');
      compilation.symbols.reference({ target: `${fullName}::${symbol}`, file, range: span(decl.defaultSymbol) });
    }
  } else {
    schema = { ...base, type: 'fixed', size: fixedSize(decl, report) } satisfies FixedSchema;
  }
  const first = compilation.names.get(fullName);
  if (first) {
    lowering.redefinitions.push({ first, second: schema, file, range: span(decl.name) });
    compilation.symbols.reference({ target: fullName, file, range: span(decl.name) });
    return;
  }
  compilation.register(schema);
  compilation.symbols.define({
    id: fullName, kind: describeKind(decl), name, fullName, file, nameRange: span(decl.name), range: span(decl), doc: decl.doc?.text,
    detail: `${describeKind(decl)} ${fullName}`,
  });
  if (decl.kind === 'Enum') {
    for (const symbol of decl.symbols) {
      compilation.symbols.define({
        id: `${fullName}::${symbol.name.text}`, kind: 'enum-symbol', name: symbol.name.text, fullName: `${fullName}.${symbol.name.text}`, file,
        nameRange: span(symbol.name), range: span(symbol), container: fullName, detail: `${symbol.name.text} (symbol of enum ${fullName})`,
      });
    }
  }
}

function enumSymbols(decl: Ast.EnumDecl, report: ReturnType<typeof reporterFor>): string[] {
  const symbols: string[] = [];
  const seen = new Map<string, Ast.EnumSymbol>();
  for (const symbol of decl.symbols) {
    const text = symbol.name.text;
    const problem = nameProblem(text, 'enum symbol');
    if (problem) report(symbol.name, problem, 'error', 'invalid-name');
    if (seen.has(text)) {
      report(symbol.name, `duplicate enum symbol '${text}' in enum ${decl.name.text}`, 'error', 'duplicate-symbol');
      continue;
    }
    seen.set(text, symbol);
    symbols.push(text);
  }
  return symbols;
}

function fixedSize(decl: Ast.FixedDecl, report: ReturnType<typeof reporterFor>): number {
  if (decl.size.raw === '') return 0;
  const parsed = parseIntegerLiteral(decl.size.raw);
  if ('error' in parsed || typeof parsed.value !== 'number' || parsed.value < 0 || parsed.value > 2 ** 31 - 1 || /[lL]$/.test(decl.size.raw)) {
    report(decl.size, `invalid size '${decl.size.raw}' for fixed ${decl.name.text}: expected a non-negative int`, 'error', 'invalid-size');
    return 0;
  }
  return parsed.value;
}

/** Lowers one file's declarations in source order, reading imports where they stand. */
export async function lowerFile(ast: Ast.IdlFile, compilation: Compilation): Promise<FileLowering> {
  const file = ast.file;
  const report = reporterFor(compilation, file);
  const lowering: FileLowering = { file, ast, namespace: undefined, messages: [], records: [], redefinitions: [] };
  let items: readonly (Ast.ProtocolItem)[] = ast.items;
  if (ast.protocol) {
    const decl = ast.protocol;
    const split = splitAnnotations(decl.annotations, { namespace: true, reserved: PROTOCOL_RESERVED, what: 'a protocol' }, report);
    const { name, namespace, fullName } = splitFullName(decl.name.text, split.namespace);
    const problem = decl.name.missing ? undefined : nameProblem(name, 'protocol name');
    if (problem) report(decl.name, problem, 'error', 'invalid-name');
    checkNamespace(namespace, decl.name, report);
    lowering.namespace = namespace;
    lowering.protocol = { name, namespace, doc: decl.doc?.text, props: split.props, decl };
    compilation.symbols.define({
      id: `protocol:${fullName}`, kind: 'protocol', name, fullName, file,
      nameRange: span(decl.name), range: span(decl), doc: decl.doc?.text, detail: `protocol ${fullName}`,
    });
    items = decl.items;
  } else if (ast.namespace) {
    const namespace = ast.namespace.name.text || undefined;
    checkNamespace(namespace, ast.namespace.name, report);
    lowering.namespace = namespace;
  }
  for (const item of items) {
    if (item.kind === 'Import') lowering.messages.push(...(await compilation.importFile(item, file)));
    else if (item.kind === 'Message') lowering.messages.push({ kind: 'idl', decl: item, file, namespace: lowering.namespace });
    else declareNamed(item, lowering.namespace, lowering, compilation);
  }
  return lowering;
}
