/**
 * The Avro IDL syntax tree. Every node carries its source range; the parser recovers from
 * errors, so a node may be partial (a `missing` identifier has empty text and a zero-width
 * range where the parser expected it).
 */
import type { Range } from './source.js';

export interface Comment {
  kind: 'line' | 'block' | 'doc';
  /** The comment's full text, delimiters included. */
  text: string;
  range: Range;
}

/** A `/** ... *\/` documentation comment attached to a declaration. */
export interface DocComment {
  /** The text as Avro puts it in `doc`: delimiters, indents and leading stars stripped. */
  text: string;
  range: Range;
}

export interface Identifier {
  kind: 'Identifier';
  /** The name with backticks removed (`a.`b`.c` becomes `a.b.c`). */
  text: string;
  /** The source text, backticks included. */
  raw: string;
  range: Range;
  /** True when the parser invented this identifier to recover from an error. */
  missing?: boolean;
}

export interface StringLiteral {
  kind: 'String';
  value: string;
  raw: string;
  range: Range;
}

export interface NumberLiteral {
  kind: 'Number';
  /** The source text (`0x10`, `-1.0e12`, `NaN`, `12L`). */
  raw: string;
  /** Whether the lexer saw an integer or a floating-point literal. */
  integer: boolean;
  range: Range;
}

export interface KeywordLiteral {
  kind: 'Keyword';
  value: true | false | null;
  range: Range;
}

export interface JsonArray {
  kind: 'Array';
  items: JsonNode[];
  range: Range;
}

export interface JsonPair {
  key: StringLiteral;
  value: JsonNode;
  range: Range;
}

export interface JsonObject {
  kind: 'Object';
  entries: JsonPair[];
  range: Range;
}

export type JsonNode = StringLiteral | NumberLiteral | KeywordLiteral | JsonArray | JsonObject;

/** `@name(value)`: a schema property, or one of the special ones (namespace, aliases, order). */
export interface Annotation {
  kind: 'Annotation';
  name: Identifier;
  value: JsonNode;
  range: Range;
}

export type PrimitiveTypeName =
  | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string' | 'null'
  | 'date' | 'time_ms' | 'timestamp_ms' | 'local_timestamp_ms' | 'uuid';

interface TypeBase {
  /** Annotations written before the type (`@foo("x") long`): properties of the type itself. */
  annotations: Annotation[];
  range: Range;
}

export interface PrimitiveType extends TypeBase {
  kind: 'PrimitiveType';
  name: PrimitiveTypeName;
  /** `T?`: an optional type, a union with null. */
  optional: boolean;
}

export interface DecimalType extends TypeBase {
  kind: 'DecimalType';
  precision: NumberLiteral;
  scale?: NumberLiteral;
  optional: boolean;
}

export interface ReferenceType extends TypeBase {
  kind: 'ReferenceType';
  name: Identifier;
  optional: boolean;
}

export interface ArrayType extends TypeBase {
  kind: 'ArrayType';
  items: TypeNode;
}

export interface MapType extends TypeBase {
  kind: 'MapType';
  values: TypeNode;
}

export interface UnionType extends TypeBase {
  kind: 'UnionType';
  types: TypeNode[];
}

export type TypeNode = PrimitiveType | DecimalType | ReferenceType | ArrayType | MapType | UnionType;

/** `void` as a message's result. */
export interface VoidType {
  kind: 'VoidType';
  annotations: Annotation[];
  range: Range;
}

interface DeclarationBase {
  doc?: DocComment;
  annotations: Annotation[];
  range: Range;
}

export interface ImportDecl {
  kind: 'Import';
  importKind: 'idl' | 'protocol' | 'schema';
  path: StringLiteral;
  range: Range;
}

export interface VariableDecl {
  kind: 'Variable';
  doc?: DocComment;
  /** Field-level annotations written before the name (`@order`, `@aliases`, custom). */
  annotations: Annotation[];
  name: Identifier;
  defaultValue?: JsonNode;
  range: Range;
}

export interface FieldDecl {
  kind: 'Field';
  /** The default documentation for every variable of this declaration. */
  doc?: DocComment;
  type: TypeNode;
  variables: VariableDecl[];
  range: Range;
}

export interface RecordDecl extends DeclarationBase {
  kind: 'Record';
  isError: boolean;
  name: Identifier;
  fields: FieldDecl[];
}

export interface EnumSymbol {
  kind: 'EnumSymbol';
  doc?: DocComment;
  annotations: Annotation[];
  name: Identifier;
  range: Range;
}

export interface EnumDecl extends DeclarationBase {
  kind: 'Enum';
  name: Identifier;
  symbols: EnumSymbol[];
  defaultSymbol?: Identifier;
}

export interface FixedDecl extends DeclarationBase {
  kind: 'Fixed';
  name: Identifier;
  size: NumberLiteral;
}

export type NamedTypeDecl = RecordDecl | EnumDecl | FixedDecl;

export interface ParamDecl {
  kind: 'Param';
  doc?: DocComment;
  type: TypeNode;
  variable: VariableDecl;
  range: Range;
}

export interface MessageDecl extends DeclarationBase {
  kind: 'Message';
  returnType: TypeNode | VoidType;
  name: Identifier;
  params: ParamDecl[];
  oneway: boolean;
  throws: Identifier[];
}

export type ProtocolItem = ImportDecl | NamedTypeDecl | MessageDecl;

export interface ProtocolDecl extends DeclarationBase {
  kind: 'Protocol';
  name: Identifier;
  items: ProtocolItem[];
}

export interface NamespaceDecl {
  kind: 'Namespace';
  name: Identifier;
  range: Range;
}

export interface MainSchemaDecl {
  kind: 'MainSchema';
  type: TypeNode;
  range: Range;
}

/** One parsed `.avdl` file: either a protocol, or schema syntax (namespace, main schema, types). */
export interface IdlFile {
  kind: 'File';
  /** The file as the caller named it. */
  file: string;
  text: string;
  protocol?: ProtocolDecl;
  namespace?: NamespaceDecl;
  mainSchema?: MainSchemaDecl;
  /** Schema syntax: imports and named types, in source order. */
  items: (ImportDecl | NamedTypeDecl)[];
  /** Every comment in the file, in order (the formatter keeps them). */
  comments: Comment[];
  range: Range;
}

export type AstNode =
  | IdlFile | ProtocolDecl | NamespaceDecl | MainSchemaDecl | ImportDecl | RecordDecl | FieldDecl | VariableDecl
  | EnumDecl | EnumSymbol | FixedDecl | MessageDecl | ParamDecl | TypeNode | VoidType | Annotation | Identifier | JsonNode;
