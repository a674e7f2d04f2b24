/**
 * What the language's built-in words mean, in a sentence or two each: completion shows it as
 * documentation and hover shows it over the word. One table, so the two never disagree.
 */
import type { AnnotationTarget } from './completion-context.js';

export interface WordDoc {
  /** A one-line summary (completion's detail). */
  detail: string;
  /** Markdown. */
  doc: string;
}

export const PRIMITIVE_DOCS: Record<string, WordDoc> = {
  null: { detail: 'primitive type', doc: 'No value. Mostly used in unions: `union { null, string }`, or `string?`.' },
  boolean: { detail: 'primitive type', doc: 'A binary value: `true` or `false`.' },
  int: { detail: 'primitive type', doc: 'A 32-bit signed integer (zig-zag varint on the wire).' },
  long: { detail: 'primitive type', doc: 'A 64-bit signed integer (zig-zag varint on the wire).' },
  float: { detail: 'primitive type', doc: 'A single precision (32-bit) IEEE 754 floating-point number.' },
  double: { detail: 'primitive type', doc: 'A double precision (64-bit) IEEE 754 floating-point number.' },
  bytes: { detail: 'primitive type', doc: 'A sequence of 8-bit unsigned bytes. Defaults are written as strings of code points 0-255: `"\\u00ff"`.' },
  string: { detail: 'primitive type', doc: 'A Unicode character sequence (UTF-8 on the wire).' },
};

export const LOGICAL_DOCS: Record<string, WordDoc> = {
  date: { detail: 'int, logicalType date', doc: 'A calendar date without time zone: days since 1970-01-01. Lowers to `{"type": "int", "logicalType": "date"}`.' },
  time_ms: { detail: 'int, logicalType time-millis', doc: 'A time of day without date or time zone: milliseconds after midnight. Lowers to `{"type": "int", "logicalType": "time-millis"}`.' },
  timestamp_ms: { detail: 'long, logicalType timestamp-millis', doc: 'An instant on the global timeline: milliseconds since 1970-01-01T00:00:00Z. Lowers to `{"type": "long", "logicalType": "timestamp-millis"}`.' },
  local_timestamp_ms: { detail: 'long, logicalType local-timestamp-millis', doc: 'A date and time in an unspecified local time zone, in milliseconds. Lowers to `{"type": "long", "logicalType": "local-timestamp-millis"}`.' },
  uuid: { detail: 'string, logicalType uuid', doc: 'A universally unique identifier (RFC 4122) as a string. Lowers to `{"type": "string", "logicalType": "uuid"}`.' },
  decimal: { detail: 'bytes, logicalType decimal', doc: 'An arbitrary-precision signed decimal: `decimal(precision, scale)`, e.g. `decimal(9, 2)` for 9 digits, 2 after the point. Lowers to bytes with `logicalType`, `precision` and `scale`.' },
};

export const KEYWORD_DOCS: Record<string, WordDoc> = {
  protocol: { detail: 'declaration', doc: 'Declares a protocol: named types and messages, compiled to an `.avpr`.' },
  namespace: { detail: 'schema syntax', doc: 'Sets the namespace of the types in this file (schema syntax; first in the file).' },
  schema: { detail: 'schema syntax', doc: 'Names the main schema of this file (schema syntax): `spl idl` prints it as an `.avsc`.' },
  import: { detail: 'declaration', doc: 'Imports the named types (and, for protocols, the messages) of another file: `import idl "x.avdl";`, `import protocol "x.avpr";`, `import schema "x.avsc";`.' },
  record: { detail: 'declaration', doc: 'Declares a record: a named type with fields.' },
  error: { detail: 'declaration', doc: 'Declares an error: a record that messages can `throws`.' },
  enum: { detail: 'declaration', doc: 'Declares an enum: a named set of symbols, with an optional default (`= SYMBOL;`) for readers that do not know a symbol.' },
  fixed: { detail: 'declaration', doc: 'Declares a fixed: a named type of exactly N bytes, `fixed MD5(16);`.' },
  array: { detail: 'complex type', doc: 'An array of items: `array<T>`.' },
  map: { detail: 'complex type', doc: 'A map from string keys to values: `map<T>`.' },
  union: { detail: 'complex type', doc: 'A value of one of several types: `union { null, string }`. A field default must match the first branch.' },
  void: { detail: 'message result', doc: 'The message returns nothing (`"response": "null"`).' },
  oneway: { detail: 'message', doc: 'The client does not wait for a response; the message must return `void` and cannot throw.' },
  throws: { detail: 'message', doc: 'The errors the message may return, besides the implicit `string` system error.' },
  idl: { detail: 'import kind', doc: 'Imports an Avro IDL file (`.avdl`).' },
};

export interface AnnotationDoc extends WordDoc {
  name: string;
  /** Where it means something. */
  targets: AnnotationTarget[];
  /** The snippet after `@`. */
  snippet: string;
  /** Values to offer inside its parentheses. */
  values?: string[];
}

export const LOGICAL_TYPE_NAMES = [
  'decimal', 'big-decimal', 'uuid', 'date', 'time-millis', 'time-micros', 'timestamp-millis', 'timestamp-micros', 'timestamp-nanos',
  'local-timestamp-millis', 'local-timestamp-micros', 'local-timestamp-nanos', 'duration',
];

export const ANNOTATION_DOCS: AnnotationDoc[] = [
  { name: 'namespace', targets: ['declaration'], snippet: 'namespace("${1:org.example}")', detail: 'namespace of a protocol or named type', doc: 'Sets the namespace of the protocol or named type it precedes: names inside resolve relative to it.' },
  { name: 'aliases', targets: ['declaration', 'variable'], snippet: 'aliases(["${1:OldName}"])', detail: 'former names', doc: 'Other names this type or field had: readers match a writer\'s old name through them (schema evolution).' },
  { name: 'order', targets: ['variable'], snippet: 'order("${1|ascending,descending,ignore|}")', values: ['ascending', 'descending', 'ignore'], detail: 'sort order of a field', doc: 'How the field sorts in Avro\'s binary ordering: `"ascending"` (the default), `"descending"` or `"ignore"`.' },
  { name: 'logicalType', targets: ['type'], snippet: 'logicalType("${1:timestamp-micros}")', values: LOGICAL_TYPE_NAMES, detail: 'logical type of the annotated type', doc: 'Gives the type a logical type the IDL has no keyword for, e.g. `@logicalType("timestamp-micros") long`.' },
  { name: 'precision', targets: ['type'], snippet: 'precision(${1:9})', detail: 'decimal precision', doc: 'The number of digits of a `decimal` logical type written by annotation (prefer `decimal(p, s)`).' },
  { name: 'scale', targets: ['type'], snippet: 'scale(${1:2})', detail: 'decimal scale', doc: 'The digits after the point of a `decimal` logical type written by annotation (prefer `decimal(p, s)`).' },
  { name: 'java-class', targets: ['type'], snippet: 'java-class("${1:java.math.BigDecimal}")', detail: 'Java code generation', doc: 'The Java class generated code uses for this value (Avro\'s Java specific compiler).' },
  { name: 'java-key-class', targets: ['type'], snippet: 'java-key-class("${1:java.io.File}")', detail: 'Java code generation', doc: 'The Java class of a map\'s keys in generated code.' },
  { name: 'avro.java.string', targets: ['type'], snippet: 'avro.java.string("${1:String}")', values: ['String', 'Utf8', 'CharSequence'], detail: 'Java string representation', doc: 'The Java type generated code uses for a string: `"String"`, `"Utf8"` or `"CharSequence"`.' },
];
