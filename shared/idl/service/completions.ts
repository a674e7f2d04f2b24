/**
 * Completion items for a context (completion-context.ts decides where the cursor is): keywords
 * and declaration snippets where a declaration may start, types (primitive, logical, complex
 * and every named type in scope, written as the schema writer would) where a type may start,
 * only error types after `throws`, annotations after `@`, values inside them, enum symbols in
 * defaults, and workspace files in an import's path.
 */
import type { LineIndex } from '../source.js';
import type { CompletionContext, TypeShape } from './completion-context.js';
import { ANNOTATION_DOCS, KEYWORD_DOCS, LOGICAL_DOCS, PRIMITIVE_DOCS } from './docs.js';
import { relativePath, toEditorRange } from './positions.js';
import { nameFrom, resolveIn, type ScopeType } from './scope.js';
import type { CompletionItem, CompletionKind, EditorRange, Files } from './types.js';

export interface CompletionInput {
  context: CompletionContext;
  /** The file being edited. */
  path: string;
  index: LineIndex;
  /** Named types the file can refer to. */
  types: readonly ScopeType[];
  files: Files;
}

const DECLARATION_SNIPPETS: { label: string; insertText: string; detail: string }[] = [
  { label: 'record', insertText: 'record ${1:Name} {\n\t${2:string} ${3:field};\n}', detail: 'record declaration' },
  { label: 'error', insertText: 'error ${1:NameError} {\n\tstring ${2:message};\n}', detail: 'error declaration' },
  { label: 'enum', insertText: 'enum ${1:Name} {\n\t${2:UNKNOWN}\n} = ${3:UNKNOWN};', detail: 'enum declaration with a default' },
  { label: 'fixed', insertText: 'fixed ${1:Name}(${2:16});', detail: 'fixed declaration' },
];

const IMPORT_SNIPPETS = ['idl', 'protocol', 'schema'].map((kind) => ({ label: `import ${kind}`, insertText: `import ${kind} "$1";`, detail: `import a .${kind === 'idl' ? 'avdl' : kind === 'protocol' ? 'avpr' : 'avsc'} file` }));

const COMPLEX_SNIPPETS = [
  { label: 'array', insertText: 'array<$1>', detail: 'array<T>' },
  { label: 'map', insertText: 'map<$1>', detail: 'map<T> (string keys)' },
  { label: 'union', insertText: 'union { null, $1 }', detail: 'union { null, T }' },
];

class Items {
  readonly list: CompletionItem[] = [];

  constructor(private readonly range: EditorRange) {}

  add(kind: CompletionKind, label: string, insertText: string, extra: Partial<CompletionItem> = {}): void {
    this.list.push({ kind, label, insertText, range: this.range, ...extra });
  }

  keyword(word: string, sortText = '5'): void {
    const doc = KEYWORD_DOCS[word];
    this.add('keyword', word, word, { detail: doc?.detail, documentation: doc?.doc, sortText: `${sortText}${word}` });
  }

  snippet(label: string, insertText: string, detail: string, sortText = '6'): void {
    this.add('snippet', label, insertText, { isSnippet: true, detail, documentation: `\`\`\`avdl\n${insertText.replace(/\$\{\d+(?::|\|)([^}|]*)\|?\}/g, '$1').replace(/\$\d/g, '')}\n\`\`\``, sortText: `${sortText}${label}` });
  }
}

function describeType(type: ScopeType, path: string): string {
  const where = type.file && type.file !== path ? `\n\nDefined in \`${type.file}\`.` : '';
  return `${type.doc ?? ''}${where}`.trim();
}

function addNamedTypes(items: Items, input: CompletionInput, filter: (type: ScopeType) => boolean): void {
  for (const type of input.types) {
    if (!filter(type)) continue;
    const name = nameFrom(type, input.context.namespace);
    if (name === undefined) continue;
    const local = type.file === input.path;
    items.add('type', name, name, {
      detail: `${type.type} ${type.fullName}`, documentation: describeType(type, input.path) || undefined,
      sortText: `${local ? '0' : '1'}${name}`, typeKind: type.type,
    });
  }
}

function addTypes(items: Items, input: CompletionInput, options: { void?: boolean; null?: boolean } = {}): void {
  addNamedTypes(items, input, () => true);
  for (const [word, doc] of Object.entries(PRIMITIVE_DOCS)) {
    if (word === 'null' && !options.null) continue;
    items.add('type', word, word, { detail: doc.detail, documentation: doc.doc, sortText: `2${word}` });
  }
  for (const [word, doc] of Object.entries(LOGICAL_DOCS)) {
    if (word === 'decimal') items.add('logical-type', 'decimal(p, s)', 'decimal(${1:9}, ${2:2})', { isSnippet: true, detail: doc.detail, documentation: doc.doc, sortText: '3decimal' });
    else items.add('logical-type', word, word, { detail: doc.detail, documentation: doc.doc, sortText: `3${word}` });
  }
  for (const s of COMPLEX_SNIPPETS) items.add('snippet', s.label, s.insertText, { isSnippet: true, detail: s.detail, documentation: KEYWORD_DOCS[s.label]?.doc, sortText: `4${s.label}` });
  if (options.void) items.keyword('void', '2');
}

function namespaces(types: readonly ScopeType[]): string[] {
  return [...new Set(types.flatMap((t) => (t.namespace ? [t.namespace] : [])))].sort();
}

function quoted(value: string, inString: boolean): string {
  return inString ? value : JSON.stringify(value);
}

function defaultValues(items: Items, input: CompletionInput, type: TypeShape): void {
  const { inString } = input.context;
  const value = (label: string, sort: string) => items.add('value', label, label, { sortText: sort });
  const shape = type.kind === 'union' ? type.first : type;
  if (type.kind === 'union' ? type.firstIsNull : 'optional' in type && type.optional) {
    if (!inString) value('null', '0');
    // Avro 1.12: `T? x = <non-null>` puts null second, so T's own defaults are allowed too.
    if (type.kind === 'union') return;
  }
  if (!shape) return;
  if (shape.kind === 'named') {
    const target = resolveIn(input.types, shape.name, input.context.namespace);
    if (target?.type === 'enum') {
      for (const symbol of target.symbols ?? []) items.add('enum-symbol', quoted(symbol, inString), quoted(symbol, inString), { detail: `symbol of enum ${target.fullName}`, sortText: `1${symbol}` });
    } else if (target && !inString) value('{}', '1');
  } else if (shape.kind === 'array' && !inString) value('[]', '1');
  else if (shape.kind === 'map' && !inString) value('{}', '1');
  else if (shape.kind === 'primitive' && !inString) {
    if (shape.name === 'boolean') ['true', 'false'].forEach((v) => value(v, '1'));
    else if (shape.name === 'string' || shape.name === 'bytes' || shape.name === 'uuid') value('""', '1');
  }
}

function importPaths(items: Items, input: CompletionInput, importKind: 'idl' | 'protocol' | 'schema'): void {
  const extension = importKind === 'idl' ? '.avdl' : importKind === 'protocol' ? '.avpr' : '.avsc';
  for (const file of input.files.keys()) {
    if (file === input.path || !file.endsWith(extension)) continue;
    const relative = relativePath(input.path, file);
    items.add('file', relative, relative, { detail: file, sortText: `${relative.split('/').length}${relative}` });
  }
}

export function completionItems(input: CompletionInput): CompletionItem[] {
  const { context } = input;
  const items = new Items(toEditorRange(input.index, { start: context.replaceStart, end: context.replaceEnd }));
  switch (context.kind) {
    case 'top-level':
      if (context.protocolAllowed) {
        items.keyword('protocol', '0');
        if (context.afterAnnotations) items.snippet('protocol', 'protocol ${1:Name} {\n\t$0\n}', 'protocol declaration', '0');
        else items.snippet('protocol', '@namespace("${1:org.example}")\nprotocol ${2:Name} {\n\t$0\n}', 'protocol declaration', '0');
      }
      if (context.afterAnnotations) {
        if (context.declarationsAllowed) for (const word of ['record', 'error', 'enum', 'fixed']) items.keyword(word, '1');
        break;
      }
      if (context.namespaceAllowed) {
        items.keyword('namespace', '1');
        items.snippet('namespace', 'namespace ${1:org.example};', 'schema syntax: the file\'s namespace', '1');
      }
      if (context.schemaAllowed) {
        items.keyword('schema', '2');
        items.snippet('schema', 'schema ${1:Type};', 'schema syntax: the main schema', '2');
      }
      if (context.declarationsAllowed) {
        items.keyword('import', '3');
        for (const s of IMPORT_SNIPPETS) items.snippet(s.label, s.insertText, s.detail, '3');
        for (const word of ['record', 'error', 'enum', 'fixed']) items.keyword(word, '4');
        for (const s of DECLARATION_SNIPPETS) items.snippet(s.label, s.insertText, s.detail, '4');
      }
      break;
    case 'protocol-item':
      for (const word of ['import', 'record', 'error', 'enum', 'fixed']) items.keyword(word, '5');
      for (const s of IMPORT_SNIPPETS) items.snippet(s.label, s.insertText, s.detail, '5');
      for (const s of DECLARATION_SNIPPETS) items.snippet(s.label, s.insertText, s.detail, '5');
      items.snippet('message', '${1:void} ${2:name}(${3:string ${4:arg}});', 'message declaration', '5');
      addTypes(items, input, { void: true, null: true });
      break;
    case 'type':
      addTypes(items, input, { null: context.where === 'union' || context.where === 'generic' || context.where === 'schema' });
      break;
    case 'import-kind':
      for (const word of ['idl', 'protocol', 'schema']) items.add('keyword', word, word, { detail: `import ${word}`, documentation: KEYWORD_DOCS.import.doc });
      break;
    case 'import-path':
      importPaths(items, input, context.importKind);
      break;
    case 'namespace-name':
      for (const ns of namespaces(input.types)) items.add('namespace', ns, ns);
      break;
    case 'annotation':
      for (const a of ANNOTATION_DOCS) {
        if (a.targets.includes(context.target)) items.add('annotation', a.name, a.snippet, { isSnippet: true, detail: `@${a.name}: ${a.detail}`, documentation: a.doc });
      }
      break;
    case 'annotation-value': {
      const values = context.name === 'namespace' ? namespaces(input.types) : ANNOTATION_DOCS.find((a) => a.name === context.name)?.values ?? [];
      for (const v of values) items.add('value', quoted(v, context.inString), quoted(v, context.inString), { detail: `@${context.name}` });
      break;
    }
    case 'after-params':
      items.keyword('throws', '0');
      items.keyword('oneway', '1');
      break;
    case 'throws':
      addNamedTypes(items, input, (t) => t.type === 'error');
      break;
    case 'enum-default':
      for (const symbol of context.symbols) items.add('enum-symbol', symbol, symbol, { detail: 'the enum\'s default symbol' });
      break;
    case 'field-default':
      defaultValues(items, input, context.type);
      break;
    case 'none':
      break;
  }
  return items.list;
}
