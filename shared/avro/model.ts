/**
 * The resolved Avro schema and protocol model every part of the product shares:
 * the IDL compiler lowers to it, the JSON reader parses into it, the writer turns it
 * into Avro JSON, and the compatibility checker compares two of them.
 *
 * Named references are resolved to the named schema object itself, so the graph may be
 * cyclic (a record may contain itself). Walk it with a visited set.
 */

/** Where a definition came from, so errors and the editor can point at it. */
export interface Origin {
  /** The file (as the reader named it) that defines this. */
  file: string;
  /** Character offsets into that file. */
  start: number;
  end: number;
}

/** A JSON value as it appears in a default or a custom property. Integers beyond 2^53 are bigints. */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

/** Custom properties (including `logicalType`, `precision`, `scale`...) in declaration order. */
export type Props = Record<string, JsonValue>;

/**
 * Shared, frozen empties for the many schemas and fields without properties or aliases: a
 * large protocol would otherwise allocate thousands of identical empty objects. The model is
 * never mutated after it is built, and freezing makes an accidental write throw.
 */
export const NO_PROPS: Props = Object.freeze({}) as Props;
export const NO_ALIASES: string[] = Object.freeze([]) as unknown as string[];

export type PrimitiveName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export const PRIMITIVE_NAMES: readonly PrimitiveName[] = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'];

export function isPrimitiveName(name: string): name is PrimitiveName {
  return (PRIMITIVE_NAMES as readonly string[]).includes(name);
}

export interface PrimitiveSchema {
  type: PrimitiveName;
  props: Props;
}

export interface ArraySchema {
  type: 'array';
  items: Schema;
  props: Props;
}

export interface MapSchema {
  type: 'map';
  values: Schema;
  props: Props;
}

export interface UnionSchema {
  type: 'union';
  types: Schema[];
}

interface NamedBase {
  /** Simple name. */
  name: string;
  /** Namespace, or undefined for the null namespace. */
  namespace: string | undefined;
  /** `namespace.name`, or `name` in the null namespace. */
  fullName: string;
  doc?: string;
  /** Full names of the aliases. */
  aliases: string[];
  props: Props;
  origin?: Origin;
}

export type FieldOrder = 'ascending' | 'descending' | 'ignore';

export interface Field {
  name: string;
  type: Schema;
  doc?: string;
  /** `undefined` means no default; a JSON `null` default is `null`. */
  default?: JsonValue;
  hasDefault: boolean;
  order: FieldOrder;
  aliases: string[];
  props: Props;
  origin?: Origin;
}

export interface RecordSchema extends NamedBase {
  type: 'record' | 'error';
  fields: Field[];
}

export interface EnumSchema extends NamedBase {
  type: 'enum';
  symbols: string[];
  default?: string;
}

export interface FixedSchema extends NamedBase {
  type: 'fixed';
  size: number;
}

export type NamedSchema = RecordSchema | EnumSchema | FixedSchema;

export type Schema = PrimitiveSchema | ArraySchema | MapSchema | UnionSchema | NamedSchema;

export interface Message {
  name: string;
  doc?: string;
  props: Props;
  request: Field[];
  response: Schema;
  /** Declared errors, without the implicit `string` system error. */
  errors: Schema[];
  oneWay: boolean;
  origin?: Origin;
}

export interface Protocol {
  protocol: string;
  namespace: string | undefined;
  doc?: string;
  props: Props;
  /** Named types in the order Java's IDL compiler lists them (definition and import order). */
  types: NamedSchema[];
  messages: Message[];
}

export function isNamed(schema: Schema): schema is NamedSchema {
  return schema.type === 'record' || schema.type === 'error' || schema.type === 'enum' || schema.type === 'fixed';
}

export function primitive(type: PrimitiveName, props: Props = NO_PROPS): PrimitiveSchema {
  return { type, props };
}

/** The logical type a schema carries, if any. */
export function logicalTypeOf(schema: Schema): string | undefined {
  if (schema.type === 'union') return undefined;
  const lt = schema.props.logicalType;
  return typeof lt === 'string' ? lt : undefined;
}

/**
 * A message's parameters as one record, the way they travel on the wire: for validating, converting
 * and building examples of a request with the same code as any other record.
 */
export function requestSchema(message: Message): RecordSchema {
  return { type: 'record', name: message.name, namespace: undefined, fullName: message.name, aliases: NO_ALIASES, props: NO_PROPS, fields: message.request };
}
