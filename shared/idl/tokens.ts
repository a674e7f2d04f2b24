/** Token kinds of Avro IDL, as Apache Avro 1.12's grammar (Idl.g4) defines them. */
import type { Comment } from './ast.js';

/** Words the lexer reads as keywords. Any of them is also accepted where the grammar wants an identifier. */
export const KEYWORDS = [
  'protocol', 'namespace', 'import', 'idl', 'schema', 'enum', 'fixed', 'error', 'record', 'array', 'map', 'union',
  'boolean', 'int', 'long', 'float', 'double', 'string', 'bytes', 'null', 'true', 'false', 'decimal', 'date',
  'time_ms', 'timestamp_ms', 'local_timestamp_ms', 'uuid', 'void', 'oneway', 'throws',
] as const;

export type Keyword = (typeof KEYWORDS)[number];

export const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

export type Punctuation = '(' | ')' | '{' | '}' | '[' | ']' | ':' | ';' | ',' | '@' | '=' | '.' | '-' | '?' | '<' | '>';

export type TokenKind =
  | Keyword
  | Punctuation
  | 'identifier'
  | 'string'
  | 'integer'
  | 'float'
  | 'eof'
  | 'invalid';

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  start: number;
  end: number;
  /**
   * The last documentation comment between the previous token and this one, if any: the doc
   * of a declaration that starts here (Java's IDL reader takes the doc nearest to the start).
   */
  doc: Comment | undefined;
}
