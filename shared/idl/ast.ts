/**
 * The Avro IDL syntax tree. Every node carries its source range as `start` and `end` offsets
 * (on the node itself: a separate range object per node would double the objects a large file
 * keeps alive, and the garbage collector's work with them); the parser recovers from
 * errors, so a node may be partial (a `missing` identifier has empty text and a zero-width
 * range where the parser expected it).
 */
import type { Range } from './source.js';

export interface Comment extends Range {
  kind: 'line' | 'block' | 'doc';
  /** The comment's full text, delimiters included. */
  text: string;
}

/** A `/** ... *\/` documentation comment attached to a declaration. */
export interface DocComment extends Range {
  /** The text as Avro puts it in `doc`: delimiters, indents and leading stars stripped. */
  text: string;
}

export interface Identifier extends Range {
  kind: 'Identifier';
  /** The name with backticks removed (`a.`b`.c` becomes `a.b.c`). */
  text: string;
  /** The source text, backticks included. */
  raw: string;
  /** True when the parser invented this identifier to recover from an error. */
  missing?: boolean;
}

export interface StringLiteral extends Range {
  kind: 'String';
  value: string;
  raw: string;
}

export interface NumberLiteral extends Range {
  kind: 'Number';
  /** The source text (`0x10`, `-1.0e12`, `NaN`, `12L`). */
  raw: string;
  /** Whether the lexer saw an integer or a floating-point literal. */
  integer: boolean;
}

export interface KeywordLiteral extends Range {
  kind: 'Keyword';
  value: true | false | null;
}

export interface JsonArray extends Range {
  kind: 'Array';
  items: JsonNode[];
}

export interface JsonPair extends Range {
  key: StringLiteral;
  value: JsonNode;
}

export interface JsonObject extends Range {
  kind: 'Object';
  entries: JsonPair[];
}

export type JsonNode = StringLiteral | NumberLiteral | KeywordLiteral | JsonArray | JsonObject;

/** `@name(value)`: a schema property, or one of the special ones (namespace, aliases, order). */
export interface Annotation extends Range {
  kind: 'Annotation';
  name: Identifier;
  value: JsonNode;
}

export type PrimitiveTypeName =
  | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string' | 'null'
  | 'date' | 'time_ms' | 'timestamp_ms' | 'local_timestamp_ms' | 'uuid';

interface TypeBase extends Range {
  /** Annotations written before the type (`@foo("x") long`): properties of the type itself. */
  annotations: Annotation[];
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
export interface VoidType extends Range {
  kind: 'VoidType';
  annotations: Annotation[];
}

interface DeclarationBase extends Range {
  doc?: DocComment;
  annotations: Annotation[];
}

export interface ImportDecl extends Range {
  kind: 'Import';
  importKind: 'idl' | 'protocol' | 'schema';
  path: StringLiteral;
}

export interface VariableDecl extends Range {
  kind: 'Variable';
  doc?: DocComment;
  /** Field-level annotations written before the name (`@order`, `@aliases`, custom). */
  annotations: Annotation[];
  name: Identifier;
  defaultValue?: JsonNode;
}

export interface FieldDecl extends Range {
  kind: 'Field';
  /** The default documentation for every variable of this declaration. */
  doc?: DocComment;
  type: TypeNode;
  variables: VariableDecl[];
}

export interface RecordDecl extends DeclarationBase {
  kind: 'Record';
  isError: boolean;
  name: Identifier;
  fields: FieldDecl[];
}

export interface EnumSymbol extends Range {
  kind: 'EnumSymbol';
  doc?: DocComment;
  annotations: Annotation[];
  name: Identifier;
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

export interface ParamDecl extends Range {
  kind: 'Param';
  doc?: DocComment;
  type: TypeNode;
  variable: VariableDecl;
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

export interface NamespaceDecl extends Range {
  kind: 'Namespace';
  name: Identifier;
}

export interface MainSchemaDecl extends Range {
  kind: 'MainSchema';
  type: TypeNode;
}

/** One parsed `.avdl` file: either a protocol, or schema syntax (namespace, main schema, types). */
export interface IdlFile extends Range {
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
}

export type AstNode =
  | IdlFile | ProtocolDecl | NamespaceDecl | MainSchemaDecl | ImportDecl | RecordDecl | FieldDecl | VariableDecl
  | EnumDecl | EnumSymbol | FixedDecl | MessageDecl | ParamDecl | TypeNode | VoidType | Annotation | Identifier | JsonNode;
