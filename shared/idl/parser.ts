/**
 * A recursive-descent parser for Avro IDL (Apache Avro 1.12's grammar), written by hand so
 * that it recovers from errors: it reports every problem in a file, each with its range, and
 * still returns a tree the editor can use. On an unexpected token it reports once, then skips
 * to a point where a declaration can start again (`;`, `}`, a keyword that begins one).
 */
import type * as Ast from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { docCommentText } from './doc-comment.js';
import { createLexer, unquote, type Lexer } from './lexer.js';
import type { Range } from './source.js';
import { KEYWORD_SET, type Token, type TokenKind } from './tokens.js';

export interface ParseResult {
  ast: Ast.IdlFile;
  diagnostics: Diagnostic[];
}

const PRIMITIVE_KEYWORDS: ReadonlySet<string> = new Set([
  'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string', 'null',
  'date', 'time_ms', 'timestamp_ms', 'local_timestamp_ms', 'uuid',
]);

const NO_ANNOTATIONS: Ast.Annotation[] = Object.freeze([]) as unknown as Ast.Annotation[];

function describe(token: Token): string {
  if (token.kind === 'eof') return 'end of file';
  if (token.kind === 'string') return `string ${token.text}`;
  if (token.kind === 'identifier') return `'${token.text}'`;
  if (token.kind === 'integer' || token.kind === 'float') return `number ${token.text}`;
  return `'${token.text}'`;
}

/**
 * Tokens from the lexer on demand, with as much lookahead as the parser asks for. Streaming
 * (rather than lexing the whole file into an array first) lets tokens die young, which keeps
 * the garbage collector cheap on large files.
 */
class TokenStream {
  private buffer: Token[] = [];
  private head = 0;
  /** How many tokens were consumed: the parser's measure of progress. */
  consumed = 0;
  /** End offset of the last consumed token. */
  lastEnd = 0;

  constructor(private readonly lexer: Lexer) {}

  peek(offset: number): Token {
    while (this.buffer.length - this.head <= offset) {
      const last = this.buffer[this.buffer.length - 1];
      if (last !== undefined && last.kind === 'eof') return last;
      this.buffer.push(this.lexer.next());
    }
    return this.buffer[this.head + offset];
  }

  next(): Token {
    const token = this.peek(0);
    if (token.kind === 'eof') return token;
    this.head++;
    this.consumed++;
    this.lastEnd = token.end;
    if (this.head >= 64) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
    return token;
  }
}

class Parser {
  readonly diagnostics: Diagnostic[] = [];
  private lastErrorAt = -1;
  /** Doc comments a declaration took; the rest are reported as out of place. */
  private readonly usedDocs = new Set<Ast.Comment>();

  constructor(
    private readonly tokens: TokenStream,
    private readonly text: string,
    private readonly file: string,
  ) {}

  // ---- token helpers --------------------------------------------------------------------

  private peek(offset = 0): Token {
    return this.tokens.peek(offset);
  }

  private at(kind: TokenKind, offset = 0): boolean {
    return this.tokens.peek(offset).kind === kind;
  }

  private next(): Token {
    return this.tokens.next();
  }

  private eat(kind: TokenKind): Token | undefined {
    return this.at(kind) ? this.next() : undefined;
  }

  /** How many tokens were consumed: loops compare it to make sure they progress. */
  private get pos(): number {
    return this.tokens.consumed;
  }

  /** End offset of the last consumed token. */
  private get lastEnd(): number {
    return this.tokens.lastEnd;
  }

  private error(range: Range, message: string, code = 'syntax'): void {
    // One error per position: a cascade of complaints about the same token helps nobody.
    if (range.start === this.lastErrorAt) return;
    this.lastErrorAt = range.start;
    this.diagnostics.push({ severity: 'error', code, message, file: this.file, range });
  }

  private errorAtToken(message: string): void {
    const token = this.peek();
    this.error({ start: token.start, end: token.end }, message);
  }

  private expect(kind: TokenKind, what?: string): Token | undefined {
    if (this.at(kind)) return this.next();
    const token = this.peek();
    const message = `expected ${what ?? `'${kind}'`}, found ${describe(token)}`;
    // A missing ';' or ')' belongs at the end of the line it was left off, not at the next line's token.
    const gap = this.text.slice(this.lastEnd, token.start);
    if (this.pos > 0 && /[\n\r]/.test(gap)) this.error({ start: this.lastEnd, end: this.lastEnd }, message);
    else this.error({ start: token.start, end: token.end }, message);
    return undefined;
  }

  /** The doc comment before `token`; `documents: false` keeps it out of Avro (Java ignores enum symbol docs). */
  private docAt(token: Token, documents = true): Ast.DocComment | undefined {
    if (!token.doc) return undefined;
    if (documents) this.usedDocs.add(token.doc);
    return { text: docCommentText(token.doc.text), start: token.doc.start, end: token.doc.end };
  }

  /** Skips tokens until one of `stops` (not consumed), or past a `;` (consumed). Balances braces. */
  private recover(stops: ReadonlySet<TokenKind>): void {
    let depth = 0;
    while (!this.at('eof')) {
      const kind = this.peek().kind;
      if (depth === 0 && stops.has(kind)) return;
      if (kind === '{' || kind === '(' || kind === '[' || kind === '<') depth++;
      else if (kind === '}' || kind === ')' || kind === ']' || kind === '>') {
        // A '}' at our level closes the enclosing block: stop before it. A stray ')' (we may be
        // inside a parenthesis the caller opened) is skipped.
        if (depth === 0 && kind === '}') return;
        if (depth > 0) depth--;
      } else if (kind === ';' && depth === 0) {
        this.next();
        return;
      }
      this.next();
    }
  }

  // ---- identifiers and literals ---------------------------------------------------------

  private isIdentifierStart(offset = 0): boolean {
    const kind = this.peek(offset).kind;
    return kind === 'identifier' || KEYWORD_SET.has(kind);
  }

  private identifier(what: string): Ast.Identifier {
    const token = this.peek();
    if (this.isIdentifierStart()) {
      this.next();
      return { kind: 'Identifier', text: token.text.includes('`') ? token.text.replace(/`/g, '') : token.text, raw: token.text, start: token.start, end: token.end };
    }
    this.errorAtToken(`expected ${what}, found ${describe(token)}`);
    const at = this.lastEnd;
    return { kind: 'Identifier', text: '', raw: '', start: at, end: at, missing: true };
  }

  private stringLiteral(token: Token): Ast.StringLiteral {
    return { kind: 'String', value: unquote(token.text), raw: token.text, start: token.start, end: token.end };
  }

  private numberLiteral(what: string): Ast.NumberLiteral {
    const token = this.peek();
    if (token.kind === 'integer') {
      this.next();
      return { kind: 'Number', raw: token.text, integer: true, start: token.start, end: token.end };
    }
    this.errorAtToken(`expected ${what}, found ${describe(token)}`);
    return { kind: 'Number', raw: '', integer: true, start: this.lastEnd, end: this.lastEnd };
  }

  // ---- JSON values (defaults and annotation values) -------------------------------------

  private jsonValue(): Ast.JsonNode {
    const token = this.peek();
    const start = token.start;
    const end = token.end;
    switch (token.kind) {
      case 'string':
        this.next();
        return this.stringLiteral(token);
      case 'integer':
      case 'float':
        this.next();
        return { kind: 'Number', raw: token.text, integer: token.kind === 'integer', start, end };
      case 'true':
      case 'false':
      case 'null':
        this.next();
        return { kind: 'Keyword', value: token.kind === 'null' ? null : token.kind === 'true', start, end };
      case '[': {
        this.next();
        const items: Ast.JsonNode[] = [];
        if (!this.at(']')) {
          do {
            if (this.at(']')) {
              this.errorAtToken('expected a JSON value after \',\' (trailing commas are not allowed)');
              break;
            }
            items.push(this.jsonValue());
          } while (this.eat(','));
        }
        this.expect(']', "',' or ']'");
        return { kind: 'Array', items, start: token.start, end: this.lastEnd };
      }
      case '{': {
        this.next();
        const entries: Ast.JsonPair[] = [];
        if (!this.at('}')) {
          do {
            const keyToken = this.peek();
            if (keyToken.kind !== 'string') {
              this.errorAtToken(`expected a quoted JSON key, found ${describe(keyToken)}`);
              break;
            }
            this.next();
            this.expect(':');
            const value = this.jsonValue();
            entries.push({ key: this.stringLiteral(keyToken), value, start: keyToken.start, end: this.lastEnd });
          } while (this.eat(','));
        }
        this.expect('}', "',' or '}'");
        return { kind: 'Object', entries, start: token.start, end: this.lastEnd };
      }
      default:
        this.errorAtToken(`expected a JSON value (string, number, true, false, null, [...] or {...}), found ${describe(token)}`);
        return { kind: 'Keyword', value: null, start: token.start, end: token.start };
    }
  }

  // ---- annotations ----------------------------------------------------------------------

  private annotations(): Ast.Annotation[] {
    // Most declarations have none: share one frozen empty list rather than allocate one each.
    if (!this.at('@')) return NO_ANNOTATIONS;
    const result: Ast.Annotation[] = [];
    while (this.at('@')) {
      const at = this.next();
      const name = this.identifier('an annotation name after \'@\'');
      let value: Ast.JsonNode;
      if (this.expect('(', "'(' and a JSON value, as in @name(\"value\")")) {
        value = this.jsonValue();
        this.expect(')');
      } else {
        value = { kind: 'Keyword', value: null, start: this.lastEnd, end: this.lastEnd };
      }
      result.push({ kind: 'Annotation', name, value, start: at.start, end: this.lastEnd });
    }
    return result;
  }

  // ---- types -----------------------------------------------------------------------------

  /** fullType: annotations, then a plain type. */
  private fullType(): Ast.TypeNode {
    if (!this.at('@')) return this.plainType(NO_ANNOTATIONS);
    const start = this.peek().start;
    const annotations = this.annotations();
    const type = this.plainType(annotations);
    type.start = start;
    return type;
  }

  private plainType(annotations: Ast.Annotation[]): Ast.TypeNode {
    const token = this.peek();
    const start = token.start;
    if (token.kind === 'array' && this.at('<', 1)) {
      this.next();
      this.next();
      const items = this.fullType();
      this.expect('>', "'>' to close array<...>");
      return { kind: 'ArrayType', items, annotations, start, end: this.lastEnd };
    }
    if (token.kind === 'map' && this.at('<', 1)) {
      this.next();
      this.next();
      const values = this.fullType();
      this.expect('>', "'>' to close map<...>");
      return { kind: 'MapType', values, annotations, start, end: this.lastEnd };
    }
    if (token.kind === 'union' && this.at('{', 1)) {
      this.next();
      this.next();
      const types: Ast.TypeNode[] = [];
      if (this.at('}')) this.errorAtToken('a union needs at least one type');
      else {
        do {
          if (this.at('}')) {
            this.errorAtToken("expected a type after ',' (trailing commas are not allowed)");
            break;
          }
          types.push(this.fullType());
        } while (this.eat(','));
      }
      this.expect('}', "',' or '}' to close the union");
      return { kind: 'UnionType', types, annotations, start, end: this.lastEnd };
    }
    if (token.kind === 'decimal' && this.at('(', 1)) {
      this.next();
      this.next();
      const precision = this.numberLiteral('the decimal precision (an integer)');
      let scale: Ast.NumberLiteral | undefined;
      if (this.eat(',')) scale = this.numberLiteral('the decimal scale (an integer)');
      this.expect(')', "')' to close decimal(precision, scale)");
      const optional = !!this.eat('?');
      return { kind: 'DecimalType', precision, scale, optional, annotations, start, end: this.lastEnd };
    }
    if (PRIMITIVE_KEYWORDS.has(token.kind)) {
      this.next();
      const optional = !!this.eat('?');
      return { kind: 'PrimitiveType', name: token.kind as Ast.PrimitiveTypeName, optional, annotations, start, end: this.lastEnd };
    }
    const name = this.identifier('a type');
    const optional = !name.missing && !!this.eat('?');
    return { kind: 'ReferenceType', name, optional, annotations, start, end: this.lastEnd };
  }

  // ---- declarations ----------------------------------------------------------------------

  private importDecl(): Ast.ImportDecl {
    const start = this.next().start; // 'import'
    const kindToken = this.peek();
    let importKind: Ast.ImportDecl['importKind'] = 'idl';
    if (kindToken.kind === 'idl' || kindToken.kind === 'protocol' || kindToken.kind === 'schema') {
      importKind = kindToken.kind;
      this.next();
    } else {
      this.errorAtToken(`expected 'idl', 'protocol' or 'schema' after 'import', found ${describe(kindToken)}`);
    }
    const pathToken = this.peek();
    let path: Ast.StringLiteral;
    if (pathToken.kind === 'string') {
      this.next();
      path = this.stringLiteral(pathToken);
    } else {
      this.errorAtToken(`expected the imported file's path as a string, found ${describe(pathToken)}`);
      path = { kind: 'String', value: '', raw: '', start: this.lastEnd, end: this.lastEnd };
    }
    this.expect(';', "';' after the import");
    return { kind: 'Import', importKind, path, start, end: this.lastEnd };
  }

  private fixedDecl(doc: Ast.DocComment | undefined, annotations: Ast.Annotation[], start: number): Ast.FixedDecl {
    this.next(); // 'fixed'
    const name = this.identifier('the fixed type\'s name');
    let size: Ast.NumberLiteral = { kind: 'Number', raw: '', integer: true, start: this.lastEnd, end: this.lastEnd };
    let ok = !!this.expect('(', "'(' and the size in bytes, as in fixed MD5(16)");
    if (ok) {
      size = this.numberLiteral('the size in bytes (an integer)');
      ok = size.raw !== '' && !!this.expect(')');
    }
    if (!ok || !this.expect(';', "';' after the fixed declaration")) this.recover(new Set(['}']));
    return { kind: 'Fixed', doc, annotations, name, size, start, end: this.lastEnd };
  }

  private enumDecl(doc: Ast.DocComment | undefined, annotations: Ast.Annotation[], start: number): Ast.EnumDecl {
    this.next(); // 'enum'
    const name = this.identifier('the enum\'s name');
    const symbols: Ast.EnumSymbol[] = [];
    if (this.expect('{', "'{' and the enum's symbols")) {
      if (!this.at('}')) {
        do {
          if (this.at('}')) {
            this.errorAtToken("expected an enum symbol after ',' (trailing commas are not allowed)");
            break;
          }
          const symbolToken = this.peek();
          const symbolStart = symbolToken.start;
          const symbolDoc = this.docAt(symbolToken, false);
          const symbolAnnotations = this.annotations();
          const symbolName = this.identifier('an enum symbol');
          if (symbolName.missing) break;
          symbols.push({ kind: 'EnumSymbol', doc: symbolDoc, annotations: symbolAnnotations, name: symbolName, start: symbolStart, end: this.lastEnd });
        } while (this.eat(','));
      }
      if (!this.expect('}', "',' or '}' to close the enum")) {
        this.recover(new Set(['}']));
        this.eat('}');
      }
    }
    let defaultSymbol: Ast.Identifier | undefined;
    if (this.eat('=')) {
      defaultSymbol = this.identifier('the default symbol');
      this.expect(';', "';' after the enum's default");
    }
    return { kind: 'Enum', doc, annotations, name, symbols, defaultSymbol, start, end: this.lastEnd };
  }

  private variableDecl(): Ast.VariableDecl {
    const token = this.peek();
    const start = token.start;
    const doc = this.docAt(token);
    const annotations = this.annotations();
    const name = this.identifier('a name');
    let defaultValue: Ast.JsonNode | undefined;
    if (this.eat('=')) defaultValue = this.jsonValue();
    return { kind: 'Variable', doc, annotations, name, defaultValue, start, end: this.lastEnd };
  }

  private fieldDecl(): Ast.FieldDecl {
    const token = this.peek();
    const start = token.start;
    const doc = this.docAt(token);
    const type = this.fullType();
    const variables: Ast.VariableDecl[] = [];
    do {
      const variable = this.variableDecl();
      variables.push(variable);
      if (variable.name.missing) break;
    } while (this.eat(','));
    if (!this.expect(';', "';' after the field")) this.recover(new Set(['}']));
    return { kind: 'Field', doc, type, variables, start, end: this.lastEnd };
  }

  private recordDecl(doc: Ast.DocComment | undefined, annotations: Ast.Annotation[], start: number): Ast.RecordDecl {
    const isError = this.next().kind === 'error';
    const name = this.identifier(`the ${isError ? 'error' : 'record'}'s name`);
    const fields: Ast.FieldDecl[] = [];
    if (this.expect('{', `'{' and the ${isError ? 'error' : 'record'}'s fields`)) {
      while (!this.at('}') && !this.at('eof')) {
        if (this.startsNamedDeclaration() || this.at('protocol')) {
          // Most likely a missing '}': stop here so the next declaration parses.
          break;
        }
        const before = this.pos;
        fields.push(this.fieldDecl());
        if (this.pos === before) this.next();
      }
      this.expect('}', `'}' to close ${name.text || 'the record'}`);
    }
    return { kind: 'Record', isError, doc, annotations, name, fields, start, end: this.lastEnd };
  }

  /** The lookahead offset just past any annotations (`@name(...)`) at `from`, or -1 if one is cut short. */
  private skipAnnotations(from = 0): number {
    let i = from;
    while (this.at('@', i)) {
      i += 2;
      if (!this.at('(', i)) return -1;
      for (let depth = 0; ; i++) {
        const kind = this.peek(i).kind;
        if (kind === 'eof') return -1;
        if (kind === '(') depth++;
        else if (kind === ')' && --depth === 0) {
          i++;
          break;
        }
      }
    }
    return i;
  }

  /** Whether the next tokens (after annotations) begin a record, error, enum or fixed declaration. */
  private startsNamedDeclaration(): boolean {
    const i = this.skipAnnotations();
    if (i < 0) return false;
    const kind = this.peek(i).kind;
    if (kind === 'record' || kind === 'enum' || kind === 'fixed') return true;
    // `error Name {` declares an error; otherwise `error` may be a (reference) type.
    return kind === 'error' && this.isIdentifierStart(i + 1) && this.at('{', i + 2);
  }

  private namedDecl(): Ast.NamedTypeDecl {
    const token = this.peek();
    const start = token.start;
    const doc = this.docAt(token);
    const annotations = this.annotations();
    const kind = this.peek().kind;
    if (kind === 'fixed') return this.fixedDecl(doc, annotations, start);
    if (kind === 'enum') return this.enumDecl(doc, annotations, start);
    return this.recordDecl(doc, annotations, start);
  }

  private messageDecl(): Ast.MessageDecl {
    const token = this.peek();
    const start = token.start;
    const doc = this.docAt(token);
    const annotations = this.annotations();
    let returnType: Ast.TypeNode | Ast.VoidType;
    const typeToken = this.peek();
    if (typeToken.kind === 'void') {
      this.next();
      returnType = { kind: 'VoidType', annotations: NO_ANNOTATIONS, start: typeToken.start, end: typeToken.end };
    } else {
      returnType = this.plainType(NO_ANNOTATIONS);
    }
    const name = this.identifier('the message name');
    const params: Ast.ParamDecl[] = [];
    let oneway = false;
    const throws: Ast.Identifier[] = [];
    if (!this.expect('(', "'(' and the message's parameters")) {
      this.recover(new Set(['}']));
      return { kind: 'Message', doc, annotations, returnType, name, params, oneway, throws, start, end: this.lastEnd };
    }
    if (!this.at(')')) {
      do {
        if (this.at(')')) {
          this.errorAtToken("expected a parameter after ',' (trailing commas are not allowed)");
          break;
        }
        const paramToken = this.peek();
        const paramDoc = this.docAt(paramToken);
        const type = this.fullType();
        const variable = this.variableDecl();
        params.push({ kind: 'Param', doc: paramDoc, type, variable, start: paramToken.start, end: this.lastEnd });
        if (variable.name.missing) break;
      } while (this.eat(','));
    }
    if (!this.expect(')', "',' or ')' after the parameters")) {
      this.recover(new Set(['}']));
      return { kind: 'Message', doc, annotations, returnType, name, params, oneway, throws, start, end: this.lastEnd };
    }
    if (this.eat('oneway')) oneway = true;
    else if (this.eat('throws')) {
      do {
        const errorName = this.identifier('an error type after \'throws\'');
        if (errorName.missing) break;
        throws.push(errorName);
      } while (this.eat(','));
    }
    if (!this.expect(';', oneway || throws.length ? "';' after the message" : "';', 'oneway' or 'throws' after the message")) this.recover(new Set(['}']));
    return { kind: 'Message', doc, annotations, returnType, name, params, oneway, throws, start, end: this.lastEnd };
  }

  private protocolDecl(): Ast.ProtocolDecl {
    const token = this.peek();
    const start = token.start;
    const doc = this.docAt(token);
    const annotations = this.annotations();
    this.expect('protocol');
    const name = this.identifier('the protocol\'s name');
    const items: Ast.ProtocolItem[] = [];
    if (this.expect('{', "'{' to open the protocol")) {
      while (!this.at('}') && !this.at('eof')) {
        const before = this.pos;
        if (this.at('import')) items.push(this.importDecl());
        else if (this.startsNamedDeclaration()) items.push(this.namedDecl());
        else items.push(this.messageDecl());
        if (this.pos === before) this.next();
      }
      this.expect('}', "'}' to close the protocol");
    }
    return { kind: 'Protocol', doc, annotations, name, items, start, end: this.lastEnd };
  }

  // ---- the file --------------------------------------------------------------------------

  private isProtocolFile(): boolean {
    const i = this.skipAnnotations();
    return i >= 0 && this.at('protocol', i);
  }

  parseFile(text: string, comments: Ast.Comment[]): Ast.IdlFile {
    const file: Ast.IdlFile = { kind: 'File', file: this.file, text, items: [], comments, start: 0, end: text.length };
    if (this.isProtocolFile()) {
      file.protocol = this.protocolDecl();
    } else {
      if (this.at('namespace')) {
        const start = this.next().start;
        const name = this.identifier('the namespace');
        this.expect(';', "';' after the namespace");
        file.namespace = { kind: 'Namespace', name, start, end: this.lastEnd };
      }
      if (this.at('schema')) {
        const start = this.next().start;
        const type = this.fullType();
        this.expect(';', "';' after the main schema");
        file.mainSchema = { kind: 'MainSchema', type, start, end: this.lastEnd };
      }
      while (!this.at('eof')) {
        const before = this.pos;
        if (this.at('import')) file.items.push(this.importDecl());
        else if (this.startsNamedDeclaration()) file.items.push(this.namedDecl());
        else if (this.at('namespace') || this.at('schema')) {
          this.errorAtToken(`'${this.peek().text}' must come first in the file (namespace, then schema, then imports and types)`);
          this.recover(new Set());
        } else {
          this.errorAtToken(`expected a record, error, enum, fixed or import declaration, found ${describe(this.peek())}`);
          this.recover(new Set(['record', 'enum', 'fixed', 'error', 'import', '@']));
          if (this.at('}')) this.next();
        }
        if (this.pos === before) this.next();
      }
    }
    if (!this.at('eof')) {
      this.errorAtToken(`unexpected ${describe(this.peek())} after the end of the protocol`);
      // Read the rest, so every comment and lexical problem of the file is known.
      while (!this.at('eof')) this.next();
    }
    for (const comment of comments) {
      if (comment.kind === 'doc' && !this.usedDocs.has(comment)) {
        this.diagnostics.push({
          severity: 'warning', code: 'misplaced-doc', file: this.file, range: { start: comment.start, end: comment.end },
          message: 'documentation comment is not attached to any declaration and is ignored; use /* ... */ for a plain comment',
        });
      }
    }
    return file;
  }
}

/** Parses one IDL file. Never throws: problems come back as diagnostics. */
export function parseIdl(text: string, file: string): ParseResult {
  const lexer = createLexer(text, file);
  const parser = new Parser(new TokenStream(lexer), text, file);
  const ast = parser.parseFile(text, lexer.comments);
  // Lexer problems first, as they come first in the text of each line.
  return { ast, diagnostics: [...lexer.diagnostics, ...parser.diagnostics] };
}
