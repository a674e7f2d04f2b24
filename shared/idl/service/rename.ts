/**
 * Rename: every occurrence of a name across the workspace, each replaced in its simple-name
 * part (a reference written `spl.common.Payload` keeps its namespace), plus what names a symbol
 * without being a reference to it: an enum symbol's name inside string defaults (`= "NEW"`) and
 * a field's name as a key of record defaults (`= {"cents": 0}`). Refused with a reason when the
 * new name is not a valid Avro name, is a keyword (unless written in backticks), names a
 * primitive type, or clashes with a name already in the same scope.
 */
import type * as Ast from '../ast.js';
import type { CompileResult } from '../compile.js';
import type { SymbolDefinition } from '../symbols.js';
import type { LineIndex, Range } from '../source.js';
import { KEYWORD_SET } from '../tokens.js';
import type { Schema } from '../../avro/model.js';
import { nameProblem } from '../../avro/names.js';
import { isIdlPath } from './compile-cache.js';
import { occurrencesOf } from './navigation.js';
import { toEditorRange } from './positions.js';
import { occurrenceAt, simpleNameRange } from './symbol-at.js';
import type { FileEdits, PrepareRenameResult, RenameResult, TextEdit } from './types.js';

const TYPE_KINDS = new Set(['record', 'error', 'enum', 'fixed']);
/** Names Java refuses for a type, because they read as primitive or logical type keywords. */
const RESERVED_TYPE_NAMES = new Set(['boolean', 'int', 'long', 'float', 'double', 'bytes', 'string', 'null', 'date', 'time_ms', 'timestamp_ms', 'local_timestamp_ms', 'uuid']);

const KIND_WORDS: Record<SymbolDefinition['kind'], string> = {
  protocol: 'protocol', record: 'record', error: 'error', enum: 'enum', fixed: 'fixed', field: 'field', message: 'message', parameter: 'parameter', 'enum-symbol': 'enum symbol',
};

function renameable(result: CompileResult, path: string, offset: number): { def: SymbolDefinition; range: Range } | { reason: string } {
  const occurrence = occurrenceAt(result.symbols, path, offset);
  if (!occurrence) return { reason: 'Nothing to rename here: put the cursor on the name of a type, field, message, parameter, enum symbol or protocol.' };
  const def = occurrence.definition;
  if (!isIdlPath(def.file)) return { reason: `${def.fullName} is defined in ${def.file} (Avro JSON): rename it there.` };
  const text = result.files.get(path)?.text ?? '';
  return { def, range: simpleNameRange(text, occurrence.range) };
}

export function prepareRenameAt(result: CompileResult, path: string, offset: number, index: LineIndex): PrepareRenameResult {
  const found = renameable(result, path, offset);
  if ('reason' in found) return { ok: false, reason: found.reason };
  return { ok: true, range: toEditorRange(index, found.range), placeholder: found.def.name };
}

/** The name as the user typed it: valid, and how to write it (backticks for a keyword). */
function checkName(input: string, def: SymbolDefinition): { name: string; written: string } | { reason: string } {
  const trimmed = input.trim();
  const backticked = /^`[^`]+`$/.test(trimmed);
  const name = backticked ? trimmed.slice(1, -1) : trimmed;
  const what = KIND_WORDS[def.kind];
  if (name.includes('.')) {
    return { reason: `Give the ${what} a simple name, without dots: a rename keeps the namespace${TYPE_KINDS.has(def.kind) ? ' (to move a type to another namespace, change its @namespace)' : ''}.` };
  }
  const problem = nameProblem(name, `the new ${what} name`);
  if (problem) return { reason: `${problem[0].toUpperCase()}${problem.slice(1)}.` };
  if (TYPE_KINDS.has(def.kind) && RESERVED_TYPE_NAMES.has(name)) return { reason: `'${name}' cannot name a type: it is a primitive or logical type.` };
  if (KEYWORD_SET.has(name) && !backticked) return { reason: `'${name}' is an IDL keyword: write \`${name}\` (in backticks) to use it as a name.` };
  return { name, written: KEYWORD_SET.has(name) ? `\`${name}\`` : name };
}

function namespaceOf(fullName: string): string | undefined {
  const dot = fullName.lastIndexOf('.');
  return dot < 0 ? undefined : fullName.slice(0, dot);
}

/** Another definition of the same kind and scope with that name, if any. */
function clash(def: SymbolDefinition, name: string, compilations: readonly CompileResult[]): string | undefined {
  if (def.kind === 'protocol') return undefined;
  if (TYPE_KINDS.has(def.kind)) {
    const ns = namespaceOf(def.fullName);
    const fullName = ns ? `${ns}.${name}` : name;
    for (const result of compilations) {
      const other = result.types?.find((t) => t.fullName === fullName);
      if (other) return `A type named ${fullName} already exists${other.origin ? ` (in ${other.origin.file})` : ''}.`;
    }
    return undefined;
  }
  for (const result of compilations) {
    for (const other of result.symbols.definitions.values()) {
      if (other.kind === def.kind && other.container === def.container && other.name === name && other.id !== def.id) {
        const owner = def.container?.replace(/^protocol:/, '').replace(/.*#/, '') ?? '';
        const word = KIND_WORDS[def.kind];
        return `${owner} already has ${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word} named ${name}.`;
      }
    }
  }
  return undefined;
}

type Target = { kind: 'enum-symbol'; enumName: string; symbol: string } | { kind: 'field'; recordName: string; field: string };

/** The places a default value names the symbol or field: string values of the enum, keys of the record. */
function defaultOccurrences(target: Target, compilations: readonly CompileResult[]): Map<string, Range[]> {
  const out = new Map<string, Range[]>();
  const seen = new Set<string>();
  const add = (file: string, range: Range): void => {
    const key = `${file}:${range.start}`;
    if (seen.has(key)) return;
    seen.add(key);
    const list = out.get(file) ?? [];
    list.push({ start: range.start, end: range.end });
    out.set(file, list);
  };
  const visit = (schema: Schema, node: Ast.JsonNode, file: string, depth: number): void => {
    if (depth > 64) return;
    switch (schema.type) {
      case 'enum':
        if (target.kind === 'enum-symbol' && schema.fullName === target.enumName && node.kind === 'String' && node.value === target.symbol) add(file, node);
        return;
      case 'union':
        for (const branch of schema.types) visit(branch, node, file, depth + 1);
        return;
      case 'array':
        if (node.kind === 'Array') for (const item of node.items) visit(schema.items, item, file, depth + 1);
        return;
      case 'map':
        if (node.kind === 'Object') for (const entry of node.entries) visit(schema.values, entry.value, file, depth + 1);
        return;
      case 'record':
      case 'error':
        if (node.kind !== 'Object') return;
        for (const entry of node.entries) {
          if (target.kind === 'field' && schema.fullName === target.recordName && entry.key.value === target.field) add(file, entry.key);
          const field = schema.fields.find((f) => f.name === entry.key.value);
          if (field) visit(field.type, entry.value, file, depth + 1);
        }
        return;
      default:
        return;
    }
  };
  for (const result of compilations) {
    // Defaults by the offset of their variable's name, per file: the model's fields point there.
    const defaults = new Map<string, Map<number, Ast.JsonNode>>();
    for (const [file, source] of result.files) {
      if (!source.ast) continue;
      const byName = new Map<number, Ast.JsonNode>();
      const items = source.ast.protocol ? source.ast.protocol.items : source.ast.items;
      for (const item of items) {
        if (item.kind === 'Record') for (const f of item.fields) for (const v of f.variables) if (v.defaultValue) byName.set(v.name.start, v.defaultValue);
        if (item.kind === 'Message') for (const p of item.params) if (p.variable.defaultValue) byName.set(p.variable.name.start, p.variable.defaultValue);
      }
      defaults.set(file, byName);
    }
    const fields = [
      ...(result.types ?? []).flatMap((t) => (t.type === 'record' || t.type === 'error' ? t.fields : [])),
      ...(result.protocol?.messages ?? []).flatMap((m) => m.request),
    ];
    for (const field of fields) {
      if (!field.hasDefault || !field.origin) continue;
      const node = defaults.get(field.origin.file)?.get(field.origin.start);
      if (node) visit(field.type, node, field.origin.file, 0);
    }
  }
  return out;
}

export function renameAt(result: CompileResult, path: string, offset: number, newName: string, compilations: readonly CompileResult[]): RenameResult {
  const found = renameable(result, path, offset);
  if ('reason' in found) return { ok: false, reason: found.reason };
  const def = found.def;
  const checked = checkName(newName, def);
  if ('reason' in checked) return { ok: false, reason: checked.reason };
  if (checked.name === def.name) return { ok: true, changes: [] };
  const all = [result, ...compilations];
  const problem = clash(def, checked.name, all);
  if (problem) return { ok: false, reason: problem };

  const byFile = new Map<string, TextEdit[]>();
  const edit = (file: string, index: LineIndex, range: Range, newText: string): void => {
    const list = byFile.get(file) ?? [];
    list.push({ range: toEditorRange(index, range), newText });
    byFile.set(file, list);
  };
  for (const o of occurrencesOf(def, all)) edit(o.file, o.index, simpleNameRange(o.text, o.range), checked.written);
  const target: Target | undefined =
    def.kind === 'enum-symbol' && def.container ? { kind: 'enum-symbol', enumName: def.container, symbol: def.name }
    : def.kind === 'field' && def.container ? { kind: 'field', recordName: def.container, field: def.name }
    : undefined;
  if (target) {
    for (const [file, places] of defaultOccurrences(target, all)) {
      const index = all.map((r) => r.files.get(file)?.lineIndex).find((i) => i !== undefined);
      if (!index) continue;
      for (const range of places) edit(file, index, range, JSON.stringify(checked.name));
    }
  }
  const changes: FileEdits[] = [...byFile].map(([file, edits]) => ({ path: file, edits }));
  changes.sort((a, b) => (a.path === path ? -1 : b.path === path ? 1 : a.path < b.path ? -1 : 1));
  return { ok: true, changes };
}
