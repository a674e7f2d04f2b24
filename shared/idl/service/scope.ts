/**
 * The named types a file can refer to, for completion: those the file itself declares (from its
 * current text, compiled or not), and those of the files it imports, from its compilation (or
 * the last one, while the file is mid-edit). And how to write a type's name at a given place, as
 * the schema writer would: the simple name inside its own namespace, else the full name.
 */
import type { CompileResult } from '../compile.js';
import type { NamedSchema } from '../../avro/model.js';
import type { DeclaredType } from './token-walker.js';

export interface ScopeType {
  type: 'record' | 'error' | 'enum' | 'fixed';
  name: string;
  namespace: string | undefined;
  fullName: string;
  doc?: string;
  symbols?: readonly string[];
  /** The file that defines it. */
  file?: string;
}

function fromSchema(type: NamedSchema): ScopeType {
  return { type: type.type, name: type.name, namespace: type.namespace, fullName: type.fullName, doc: type.doc, symbols: type.type === 'enum' ? type.symbols : undefined, file: type.origin?.file };
}

/** This file's declarations, then every other file's types from the compilations given (first wins). */
export function typesInScope(path: string, declared: readonly DeclaredType[], ...compilations: (CompileResult | undefined)[]): ScopeType[] {
  const byName = new Map<string, ScopeType>();
  for (const d of declared) if (!byName.has(d.fullName)) byName.set(d.fullName, { type: d.type, name: d.name, namespace: d.namespace, fullName: d.fullName, doc: d.doc, symbols: d.symbols, file: path });
  for (const result of compilations) {
    for (const type of result?.types ?? []) {
      if (type.origin?.file === path || byName.has(type.fullName)) continue;
      byName.set(type.fullName, fromSchema(type));
    }
  }
  return [...byName.values()];
}

/**
 * The name to write for `type` where names resolve in `namespace`; undefined when it cannot be
 * named there (a type in the null namespace, from inside a namespace, as in Java).
 */
export function nameFrom(type: ScopeType, namespace: string | undefined): string | undefined {
  if (type.namespace === namespace) return type.name;
  if (type.namespace === undefined) return undefined;
  return type.fullName;
}

/** The type a name written in `namespace` refers to. */
export function resolveIn(types: readonly ScopeType[], name: string, namespace: string | undefined): ScopeType | undefined {
  const fullName = name.includes('.') || namespace === undefined ? name : `${namespace}.${name}`;
  return types.find((t) => t.fullName === fullName);
}
