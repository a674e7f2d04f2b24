/**
 * Splits a declaration's annotations into the ones Avro gives meaning (`@namespace`,
 * `@aliases`, `@order`, where the declaration allows them) and plain properties, with the
 * checks Java's IDL reader makes (and a few it should).
 */
import type { Annotation } from './ast.js';
import type { Range } from './source.js';
import { NO_PROPS, type FieldOrder, type JsonValue, type Props } from '../avro/model.js';
import { jsonValueOf } from './literals.js';

export interface AnnotationContext {
  /** Where `@namespace` sets the namespace (named types, protocols). */
  namespace?: boolean;
  /** Where `@aliases` sets aliases (named types, fields). */
  aliases?: boolean;
  /** Where `@order` sets the sort order (fields). */
  order?: boolean;
  /** Attribute names this kind of JSON object reserves for itself. */
  reserved: readonly string[];
  /** What the annotations are on, for messages ("a field", "a type"). */
  what: string;
}

export interface SplitAnnotations {
  namespace?: string;
  aliases?: string[];
  order?: FieldOrder;
  props: Props;
}

export const SCHEMA_RESERVED = ['doc', 'fields', 'items', 'name', 'namespace', 'size', 'symbols', 'values', 'type', 'aliases'];
export const FIELD_RESERVED = ['default', 'doc', 'name', 'order', 'type', 'aliases'];
export const MESSAGE_RESERVED = ['doc', 'response', 'request', 'errors', 'one-way'];
export const PROTOCOL_RESERVED = ['doc', 'namespace', 'protocol', 'types', 'messages'];

const NOTHING: SplitAnnotations = Object.freeze({ props: NO_PROPS });

export function splitAnnotations(
  annotations: readonly Annotation[],
  context: AnnotationContext,
  report: (node: Range, message: string, severity?: 'error' | 'warning') => void,
): SplitAnnotations {
  if (annotations.length === 0) return NOTHING;
  const out: SplitAnnotations = { props: {} };
  const seen = new Set<string>();
  for (const annotation of annotations) {
    const name = annotation.name.text;
    if (name === '') continue;
    const value: JsonValue = jsonValueOf(annotation.value, (node, message) => report(node, message));
    if (seen.has(name)) report(annotation, `@${name} is given twice; the last one wins`, 'warning');
    seen.add(name);
    if (context.namespace && name === 'namespace') {
      if (typeof value === 'string') out.namespace = value;
      else report(annotation.value, '@namespace(...) must contain a string, as in @namespace("org.example")');
    } else if (context.aliases && name === 'aliases') {
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out.aliases = value as string[];
      else report(annotation.value, '@aliases(...) must contain an array of strings, as in @aliases(["OldName"])');
    } else if (context.order && name === 'order') {
      const order = typeof value === 'string' ? value.toLowerCase() : undefined;
      if (order === 'ascending' || order === 'descending' || order === 'ignore') out.order = order;
      else report(annotation.value, '@order(...) must be "ascending", "descending" or "ignore"');
    } else if (context.reserved.includes(name)) {
      report(annotation.name, `@${name} cannot be used on ${context.what}: '${name}' is a reserved attribute there`);
    } else {
      out.props[name] = value;
    }
  }
  return out;
}
