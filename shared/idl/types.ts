/**
 * Lowers IDL type expressions to the model: primitives and logical-type keywords, decimal,
 * references (resolved against every name of the compilation), arrays, maps, unions and
 * optional types. Optional types come back unwrapped with a flag, because where the null
 * goes depends on the field's default (Avro 1.12: null first unless the default is non-null).
 */
import type * as Ast from './ast.js';
import type { Compilation } from './compile.js';
import { SCHEMA_RESERVED, splitAnnotations, type AnnotationContext } from './annotations.js';
import type { PrimitiveName, Props, Schema } from '../avro/model.js';
import { isNamed, NO_PROPS, primitive } from '../avro/model.js';
import { span } from './source.js';
import { reporterFor } from './lower.js';
import { resolveName } from '../avro/names.js';
import { parseIntegerLiteral } from './literals.js';
import { sameJson } from '../avro/same-definition.js';
import { toJsonText } from '../avro/json-text.js';

export interface LoweredType {
  /** The type, without the null of an optional type. */
  schema: Schema;
  /** `T?`: the field decides where the null goes. */
  optional: boolean;
  /** A reference could not be resolved: defaults of this type are not checked. */
  unresolved: boolean;
}

const KEYWORD_TYPES: Record<Ast.PrimitiveTypeName, { type: PrimitiveName; logicalType?: string }> = {
  boolean: { type: 'boolean' }, int: { type: 'int' }, long: { type: 'long' }, float: { type: 'float' },
  double: { type: 'double' }, bytes: { type: 'bytes' }, string: { type: 'string' }, null: { type: 'null' },
  date: { type: 'int', logicalType: 'date' },
  time_ms: { type: 'int', logicalType: 'time-millis' },
  timestamp_ms: { type: 'long', logicalType: 'timestamp-millis' },
  local_timestamp_ms: { type: 'long', logicalType: 'local-timestamp-millis' },
  uuid: { type: 'string', logicalType: 'uuid' },
};

/** Edit distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

export function suggestName(wanted: string, names: Iterable<string>): string | undefined {
  const simple = wanted.slice(wanted.lastIndexOf('.') + 1);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of names) {
    const candidateSimple = candidate.slice(candidate.lastIndexOf('.') + 1);
    const score = candidateSimple === simple ? 0 : distance(simple, candidateSimple);
    if (score < bestScore && score <= Math.max(2, Math.floor(simple.length / 3))) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

const TYPE_ANNOTATIONS: AnnotationContext = { reserved: SCHEMA_RESERVED, what: 'a type' };

export class TypeLowerer {
  /** Reports a problem in this lowerer's file. */
  readonly report: ReturnType<typeof reporterFor>;

  constructor(
    private readonly compilation: Compilation,
    readonly file: string,
  ) {
    this.report = reporterFor(compilation, file);
  }

  private typeProps(node: Ast.TypeNode, base: Props = NO_PROPS): Props {
    if (node.annotations.length === 0) return base;
    const split = splitAnnotations(node.annotations, TYPE_ANNOTATIONS, this.report);
    const props: Props = { ...base };
    for (const [key, value] of Object.entries(split.props)) {
      if (key in base && !sameJson(base[key], value)) {
        this.report(node, `@${key} conflicts with the type's own '${key}' (${toJsonText(base[key], 0)})`, 'error', 'invalid');
        continue;
      }
      props[key] = value;
    }
    return props;
  }

  /** Resolves a type name in a namespace, recording the reference for the symbol index. */
  resolveName(identifier: Ast.Identifier, namespace: string | undefined, what = 'type'): Schema | undefined {
    const fullName = resolveName(identifier.text, namespace);
    const found = this.compilation.names.get(fullName);
    if (found) {
      this.compilation.symbols.reference({ target: found.fullName, file: this.file, range: span(identifier) });
      return found;
    }
    const suggestion = suggestName(fullName, this.compilation.names.keys());
    let hint = '';
    if (suggestion === identifier.text) {
      // A type in the null namespace cannot be named from inside a namespace (as in Java).
      hint = ` (looked for ${fullName}; '${suggestion}' is in the null namespace, which names inside namespace '${namespace}' cannot reach: give it a namespace)`;
    } else if (suggestion) hint = `; did you mean '${suggestion}'?`;
    else if (!identifier.text.includes('.') && namespace) hint = ` (looked for ${fullName}; write the full name for a type in another namespace)`;
    this.report(identifier, `unknown ${what} '${identifier.text}'${hint}`, 'error', 'unknown-type');
    return undefined;
  }

  lower(node: Ast.TypeNode, namespace: string | undefined): LoweredType {
    switch (node.kind) {
      case 'PrimitiveType': {
        const keyword = KEYWORD_TYPES[node.name];
        const base: Props = keyword.logicalType ? { logicalType: keyword.logicalType } : NO_PROPS;
        return { schema: primitive(keyword.type, this.typeProps(node, base)), optional: node.optional, unresolved: false };
      }
      case 'DecimalType':
        return { schema: primitive('bytes', this.typeProps(node, this.decimalProps(node))), optional: node.optional, unresolved: false };
      case 'ReferenceType': {
        if (node.annotations.length > 0) {
          this.report(node.annotations[0], `a reference to a named type cannot be annotated (Avro 1.12 refuses it): put @${node.annotations[0].name.text} on the declaration of ${node.name.text}, or on the field after the type`, 'error', 'annotated-reference');
        }
        if (node.name.missing) return { schema: primitive('null'), optional: false, unresolved: true };
        const schema = this.resolveName(node.name, namespace);
        return schema ? { schema, optional: node.optional, unresolved: false } : { schema: primitive('null'), optional: node.optional, unresolved: true };
      }
      case 'ArrayType': {
        const items = this.lowerNested(node.items, namespace);
        return { schema: { type: 'array', items: items.schema, props: this.typeProps(node) }, optional: false, unresolved: items.unresolved };
      }
      case 'MapType': {
        const values = this.lowerNested(node.values, namespace);
        return { schema: { type: 'map', values: values.schema, props: this.typeProps(node) }, optional: false, unresolved: values.unresolved };
      }
      case 'UnionType': {
        if (node.annotations.length > 0) {
          this.report(node.annotations[0], 'annotations on a union are dropped: Avro unions have no properties (annotate a branch instead)', 'warning', 'ignored-annotation');
        }
        let unresolved = false;
        const types: Schema[] = [];
        const seen = new Map<string, Ast.TypeNode>();
        for (const branch of node.types) {
          const lowered = this.lowerNested(branch, namespace);
          unresolved ||= lowered.unresolved;
          if (lowered.schema.type === 'union') {
            this.report(branch, 'a union cannot directly contain another union (an optional type T? is a union with null)', 'error', 'nested-union');
            continue;
          }
          const key = isNamed(lowered.schema) ? lowered.schema.fullName : lowered.schema.type;
          if (seen.has(key) && !lowered.unresolved) {
            this.report(branch, `duplicate type '${key}' in union: a union may hold each unnamed type, and each named type, only once`, 'error', 'duplicate-union-branch');
            continue;
          }
          seen.set(key, branch);
          types.push(lowered.schema);
        }
        return { schema: { type: 'union', types }, optional: false, unresolved };
      }
    }
  }

  /** A type inside another (array items, map values, union branches): `T?` becomes [null, T]. */
  lowerNested(node: Ast.TypeNode, namespace: string | undefined): LoweredType {
    const lowered = this.lower(node, namespace);
    if (!lowered.optional) return lowered;
    return { schema: { type: 'union', types: [primitive('null'), lowered.schema] }, optional: false, unresolved: lowered.unresolved };
  }

  private decimalProps(node: Ast.DecimalType): Props {
    const read = (literal: Ast.NumberLiteral | undefined, fallback: number): number | undefined => {
      if (!literal) return fallback;
      if (literal.raw === '') return undefined;
      const parsed = parseIntegerLiteral(literal.raw);
      return 'error' in parsed || typeof parsed.value !== 'number' ? undefined : parsed.value;
    };
    const precision = read(node.precision, 0);
    const scale = read(node.scale, 0);
    if (precision === undefined || precision <= 0 || precision > 2 ** 31 - 1) {
      if (node.precision.raw !== '') this.report(node.precision, `invalid decimal precision ${node.precision.raw}: it must be a positive int`, 'error', 'invalid-decimal');
      return { logicalType: 'decimal', precision: precision ?? 0, scale: scale ?? 0 };
    }
    if (scale === undefined || scale < 0) this.report(node.scale ?? node, `invalid decimal scale ${node.scale?.raw}: it must be a non-negative int`, 'error', 'invalid-decimal');
    else if (scale > precision) this.report(node.scale ?? node, `invalid decimal scale ${scale}: it cannot be greater than the precision (${precision})`, 'error', 'invalid-decimal');
    return { logicalType: 'decimal', precision, scale: scale ?? 0 };
  }
}
