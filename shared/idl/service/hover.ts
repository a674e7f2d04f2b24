/**
 * Hover: over a name (a type, field, message, parameter, enum symbol or protocol, where defined
 * or where used, in this file or an imported one) its kind, full name, doc and declaration;
 * over a built-in word (a primitive or logical type, a keyword, an annotation) what it means.
 */
import type { CompileResult } from '../compile.js';
import type { SymbolDefinition } from '../symbols.js';
import { createLexer } from '../lexer.js';
import type { LineIndex } from '../source.js';
import type { NamedSchema, RecordSchema } from '../../avro/model.js';
import { schemaToJson } from '../../avro/schema-writer.js';
import { toJsonText } from '../../avro/json-text.js';
import { ANNOTATION_DOCS, KEYWORD_DOCS, LOGICAL_DOCS, PRIMITIVE_DOCS } from './docs.js';
import { toEditorRange } from './positions.js';
import { occurrenceAt } from './symbol-at.js';
import type { HoverResult } from './types.js';

/** Longer declarations are cut: a hover is a glance, go to definition shows the rest. */
const MAX_LINES = 24;

function code(text: string, language = 'avdl'): string {
  return '```' + language + '\n' + text + '\n```';
}

function clip(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length <= MAX_LINES) return text;
  return [...lines.slice(0, MAX_LINES), `  … (${lines.length - MAX_LINES} more lines)`].join('\n');
}

/** A declaration's source without its doc comment (shown as prose above), re-indented to column 0. */
function declarationSource(text: string, start: number, end: number): string {
  let source = text.slice(start, end).replace(/^\/\*\*[\s\S]*?\*\/\s*/, '');
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, start))?.[0].length ?? 0;
  if (indent > 0) source = source.replace(new RegExp(`\\n[ \\t]{0,${indent}}`, 'g'), '\n');
  return clip(source);
}

function locationNote(def: SymbolDefinition, path: string, result: CompileResult): string {
  if (def.file === path) return '';
  const at = result.files.get(def.file)?.lineIndex.position(def.nameRange.start);
  return `*Defined in \`${def.file}\`${at ? ` line ${at.line}` : ''}.*`;
}

function findType(result: CompileResult, fullName: string): NamedSchema | undefined {
  return result.types?.find((t) => t.fullName === fullName);
}

function symbolMarkdown(def: SymbolDefinition, result: CompileResult, path: string): string {
  const file = result.files.get(def.file);
  const parts: string[] = [];
  const text = file?.text ?? '';
  switch (def.kind) {
    case 'record':
    case 'error':
    case 'enum':
    case 'fixed': {
      parts.push(code(`${def.kind} ${def.fullName}`));
      if (def.doc) parts.push(def.doc);
      const schema = findType(result, def.fullName);
      if (file?.ast) parts.push(code(declarationSource(text, def.range.start, def.range.end)));
      else if (schema) parts.push(code(clip(toJsonText(schemaToJson(schema))), 'json'));
      break;
    }
    case 'field': {
      parts.push(code(def.detail));
      const record = def.container ? findType(result, def.container) : undefined;
      const field = record && (record.type === 'record' || record.type === 'error') ? (record as RecordSchema).fields.find((f) => f.name === def.name) : undefined;
      const facts = [`field of ${record?.type ?? 'record'} \`${def.container ?? ''}\``];
      if (field?.hasDefault) facts.push(`default \`${toJsonText(field.default ?? null, 0)}\``);
      if (field && field.order !== 'ascending') facts.push(`order ${field.order}`);
      if (field?.aliases.length) facts.push(`aliases ${field.aliases.map((a) => `\`${a}\``).join(', ')}`);
      parts.push(facts.join(' · '));
      if (def.doc) parts.push(def.doc);
      break;
    }
    case 'message':
      parts.push(code(declarationSource(text, def.range.start, def.range.end)));
      parts.push(`message of \`${def.container?.replace(/^protocol:/, '') ?? ''}\``);
      if (def.doc) parts.push(def.doc);
      break;
    case 'parameter':
      parts.push(code(def.detail));
      parts.push(`parameter of message \`${def.container?.replace(/^protocol:.*#/, '') ?? ''}\``);
      if (def.doc) parts.push(def.doc);
      break;
    case 'enum-symbol': {
      const schema = def.container ? findType(result, def.container) : undefined;
      parts.push(code(def.name));
      let facts = `symbol of enum \`${def.container ?? ''}\``;
      if (schema?.type === 'enum') {
        facts += ` · symbols ${schema.symbols.join(', ')}`;
        if (schema.default !== undefined) facts += ` · default ${schema.default}${schema.default === def.name ? ' (this one)' : ''}`;
      }
      parts.push(facts);
      break;
    }
    case 'protocol': {
      parts.push(code(`protocol ${def.fullName}`));
      if (def.doc) parts.push(def.doc);
      if (result.protocol && file?.path === [...result.files.keys()][0]) parts.push(`${result.protocol.types.length} types · ${result.protocol.messages.length} messages`);
      break;
    }
  }
  const note = locationNote(def, path, result);
  if (note) parts.push(note);
  return parts.join('\n\n');
}

/** The token under the cursor, unless it is inside a comment. */
function tokenAt(text: string, offset: number) {
  // Lex up to the end of the line: enough to know what the cursor is on.
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  const lexer = createLexer(text.slice(0, end), '');
  let previous;
  for (let token = lexer.next(); token.kind !== 'eof'; token = lexer.next()) {
    if (token.start > offset) break;
    if (offset <= token.end) return { token, previous };
    previous = token;
  }
  return undefined;
}

function wordMarkdown(text: string, offset: number): { markdown: string; start: number; end: number } | undefined {
  const found = tokenAt(text, offset);
  if (!found) return undefined;
  const { token, previous } = found;
  if (previous?.kind === '@' && previous.end === token.start) {
    const annotation = ANNOTATION_DOCS.find((a) => a.name === token.text);
    if (annotation) return { markdown: `${code(`@${annotation.name}`)}\n\n${annotation.doc}`, start: previous.start, end: token.end };
    return { markdown: `${code(`@${token.text}`)}\n\nA custom property: \`"${token.text}"\` in the JSON of what it annotates.`, start: previous.start, end: token.end };
  }
  const doc = PRIMITIVE_DOCS[token.kind] ?? LOGICAL_DOCS[token.kind] ?? KEYWORD_DOCS[token.kind];
  if (!doc || token.kind !== token.text) return undefined;
  return { markdown: `${code(token.text)}\n\n*${doc.detail}*\n\n${doc.doc}`, start: token.start, end: token.end };
}

export function hoverAt(result: CompileResult, path: string, text: string, index: LineIndex, offset: number): HoverResult | undefined {
  const occurrence = occurrenceAt(result.symbols, path, offset);
  if (occurrence) {
    return { markdown: symbolMarkdown(occurrence.definition, result, path), range: toEditorRange(index, occurrence.range) };
  }
  const word = wordMarkdown(text, offset);
  return word ? { markdown: word.markdown, range: toEditorRange(index, word) } : undefined;
}
