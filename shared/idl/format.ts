/**
 * The Avro IDL formatter: prints a parsed file in one canonical layout (what gofmt is to Go).
 *
 * How it keeps meaning. The layout is built from the syntax tree as a flat list of tokens,
 * each with the separator to put before it (nothing, a space, or a line break at some
 * indentation). The printer walks that list in step with the tokens of the source text (the
 * tree keeps every token in source order; the formatter writes identifiers, strings and
 * numbers exactly as written), so the output has the very same token sequence as the input.
 *
 * How it keeps comments. Comments are not placed from the tree at all: every comment of the
 * file is printed between the same two tokens it sat between in the source, in order. That
 * keeps each doc comment attached to the token the parser attaches it to (a declaration's
 * doc, a variable's doc, or a dangling doc that stays dangling), so docs keep their meaning
 * wherever they are. Where they go on the line:
 * - a line or block comment on the same source line as the previous token stays trailing on
 *   that line (`BAR, // the bar enum value`); a doc comment never trails;
 * - the others go on their own lines before the next token when the layout breaks the line
 *   there (a declaration, field, symbol, closing brace: comments before a `}` are indented as
 *   the block's content), keeping at most one blank line where the source had one;
 * - where the layout keeps tokens on one line, comments stay inline (`enum /* x *\/ Kind`); a
 *   line comment there ends the line and the code continues on a continuation line.
 * Multi-line block and doc comments are re-indented: continuation lines move with the comment's
 * first line. For a doc comment this is kept only if Avro's doc text is unchanged.
 *
 * Before returning, the output is lexed again and checked to have the same tokens and the
 * same comments between the same tokens; a difference is a formatter bug and throws.
 */
import type * as Ast from './ast.js';
import type { Comment } from './ast.js';
import { docCommentText } from './doc-comment.js';
import { lex } from './lexer.js';
import { LineIndex } from './source.js';
import type { Token } from './tokens.js';

export interface FormatOptions {
  /** Spaces per indentation level (default 2). */
  indentWidth?: number;
  /** The column limit for one-line enum symbol lists and parameter lists (default 100). */
  lineWidth?: number;
}

/** Whether a line break may be preceded by a blank line. */
type Blank = 'never' | 'keep' | 'always';

interface LineBreak {
  indent: number;
  /** For the first thing on the new line (a comment or the token): keep the source's blank line, always add one, or never. */
  blank: Blank;
  /** A closing `}` or `)`: comments before it are indented one level deeper, and no blank line goes right before it. */
  closing?: boolean;
}

type Sep = '' | ' ' | LineBreak;

interface Tok {
  text: string;
  sep: Sep;
}

const tok = (text: string, sep: Sep = ''): Tok => ({ text, sep });

const line = (indent: number, blank: Blank): LineBreak => ({ indent, blank });

const closing = (indent: number): LineBreak => ({ indent, blank: 'never', closing: true });

/** Appends tokens (a loop: spreading a huge run into push() would overflow the argument limit). */
function append(out: Tok[], ...runs: Tok[][]): Tok[] {
  for (const run of runs) for (const t of run) out.push(t);
  return out;
}

/** Sets the separator before the first token of a run. */
function lead(toks: Tok[], sep: Sep): Tok[] {
  if (toks.length > 0) toks[0] = { text: toks[0].text, sep };
  return toks;
}

/** Concatenates runs, separated by `sep`. */
function join(parts: Tok[][], sep: Sep): Tok[] {
  const out: Tok[] = [];
  for (const part of parts) {
    if (part.length === 0) continue;
    append(out, out.length > 0 ? lead(part, sep) : part);
  }
  return out;
}

/** Items separated by `,` and a space (`a, b, c`). */
function commaList(items: Tok[][]): Tok[] {
  const out: Tok[] = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(tok(','));
    append(out, lead(item, i > 0 ? ' ' : ''));
  });
  return out;
}

function flatWidth(toks: Tok[]): number {
  let width = 0;
  toks.forEach((t, i) => {
    width += t.text.length + (i > 0 && t.sep === ' ' ? 1 : 0);
  });
  return width;
}

const LINE_BREAK = /\r\n|\r|\n/;

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13) {
      count++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return count;
}

/** The source text, its tokens and its comments, with position queries. */
class Source {
  readonly tokens: Token[];
  readonly comments: Comment[];
  private index?: LineIndex;

  constructor(readonly text: string, readonly file: string) {
    const lexed = lex(text, file);
    const error = lexed.diagnostics.find((d) => d.severity === 'error');
    if (error) {
      throw new Error(`cannot format ${file}: it has syntax errors (${this.where(error.range.start)}: ${error.message})`);
    }
    this.tokens = lexed.tokens.filter((t) => t.kind !== 'eof');
    this.comments = lexed.comments;
  }

  where(offset: number): string {
    this.index ??= new LineIndex(this.text);
    const p = this.index.position(offset);
    return `${p.line}:${p.column}`;
  }

  /** The first token that starts at or after `offset`. */
  tokenAfter(offset: number): Token {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid].start < offset) lo = mid + 1;
      else hi = mid;
    }
    const token = this.tokens[lo];
    if (!token) throw new Error(`cannot format ${this.file}: it has syntax errors (unexpected end of file)`);
    return token;
  }

  /** Whether a comment lies between the offsets. */
  hasCommentBetween(from: number, to: number): boolean {
    let lo = 0;
    let hi = this.comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.comments[mid].start < from) lo = mid + 1;
      else hi = mid;
    }
    const comment = this.comments[lo];
    return comment !== undefined && comment.end <= to;
  }

  /** Whether the text between the offsets contains a blank line. */
  blankBetween(from: number, to: number): boolean {
    return from >= 0 && countLineBreaks(this.text, from, to) >= 2;
  }

  newlineBetween(from: number, to: number): boolean {
    return countLineBreaks(this.text, from, to) > 0;
  }

  /** What precedes a comment on its source line: its indentation, or as many spaces as the code before it. */
  prefixOf(comment: Comment): string {
    let start = comment.start;
    while (start > 0) {
      const c = this.text.charCodeAt(start - 1);
      if (c === 10 || c === 13) break;
      start--;
    }
    const before = this.text.slice(start, comment.start);
    return /^[ \t]*$/.test(before) ? before : ' '.repeat(before.length);
  }
}

/** Builds the token list of the canonical layout from the syntax tree. */
class Layout {
  constructor(
    private readonly source: Source,
    private readonly indentWidth: number,
    private readonly lineWidth: number,
  ) {}

  file(ast: Ast.IdlFile): Tok[] {
    if (ast.protocol) return this.protocol(ast.protocol);
    const out: Tok[] = [];
    if (ast.namespace) {
      out.push(tok('namespace', line(0, 'never')), tok(this.name(ast.namespace.name), ' '), tok(';'));
    }
    if (ast.mainSchema) {
      append(out, [tok('schema', line(0, out.length > 0 ? 'keep' : 'never'))], lead(this.type(ast.mainSchema.type), ' '), [tok(';')]);
    }
    let previous: Ast.ProtocolItem | undefined;
    for (const item of ast.items) {
      const blank: Blank = out.length === 0 ? 'never' : previous?.kind === 'Import' && item.kind === 'Import' ? 'keep' : 'always';
      append(out, this.item(item, 0, line(0, blank)));
      previous = item;
    }
    return out;
  }

  private protocol(p: Ast.ProtocolDecl): Tok[] {
    const out = this.head(p.annotations, [tok('protocol'), tok(this.name(p.name), ' '), tok('{', ' ')], 0, line(0, 'never'));
    let previous: Ast.ProtocolItem | undefined;
    for (const item of p.items) {
      const blank: Blank = !previous ? 'never' : previous.kind === 'Import' && item.kind === 'Import' ? 'keep' : 'always';
      append(out, this.item(item, 1, line(1, blank)));
      previous = item;
    }
    out.push(this.close(p.items.length > 0, this.source.tokenAfter(p.name.end), p.end, 0));
    return out;
  }

  /** The closing brace of a block: on its own line, or right after `{` for an empty block without comments. */
  private close(hasContent: boolean, open: Token, end: number, indent: number): Tok {
    const empty = !hasContent && !this.source.hasCommentBetween(open.end, end);
    return tok('}', empty ? '' : closing(indent));
  }

  private item(item: Ast.ProtocolItem, indent: number, sep: LineBreak): Tok[] {
    switch (item.kind) {
      case 'Import':
        return [tok('import', sep), tok(item.importKind, ' '), tok(item.path.raw, ' '), tok(';')];
      case 'Record':
        return this.record(item, indent, sep);
      case 'Enum':
        return this.enum(item, indent, sep);
      case 'Fixed':
        return this.head(item.annotations, [
          tok('fixed'), tok(this.name(item.name), ' '), tok('('), tok(item.size.raw), tok(')'), tok(';'),
        ], indent, sep);
      case 'Message':
        return this.message(item, indent, sep);
    }
  }

  /** A declaration's annotations, each on its own line, then the declaration. */
  private head(annotations: Ast.Annotation[], rest: Tok[], indent: number, sep: LineBreak): Tok[] {
    const out: Tok[] = [];
    annotations.forEach((a, i) => append(out, lead(this.annotation(a), i === 0 ? sep : line(indent, 'never'))));
    append(out, lead(rest, annotations.length > 0 ? line(indent, 'never') : sep));
    return out;
  }

  private record(r: Ast.RecordDecl, indent: number, sep: LineBreak): Tok[] {
    const out = this.head(r.annotations, [tok(r.isError ? 'error' : 'record'), tok(this.name(r.name), ' '), tok('{', ' ')], indent, sep);
    r.fields.forEach((field, i) => append(out, this.field(field, line(indent + 1, i === 0 ? 'never' : 'keep'))));
    const open = this.source.tokenAfter(r.name.end);
    out.push(this.close(r.fields.length > 0, open, r.end, indent));
    return out;
  }

  private field(f: Ast.FieldDecl, sep: LineBreak): Tok[] {
    return [
      ...lead(this.type(f.type), sep),
      ...lead(commaList(f.variables.map((v) => this.variable(v))), ' '),
      tok(';'),
    ];
  }

  private enum(e: Ast.EnumDecl, indent: number, sep: LineBreak): Tok[] {
    const open = this.source.tokenAfter(e.name.end);
    const last = e.symbols[e.symbols.length - 1];
    const close = this.source.tokenAfter(last ? last.end : open.end);
    const symbols = e.symbols.map((s) => join([...s.annotations.map((a) => this.annotation(a)), [tok(this.name(s.name))]], ' '));
    const tail = e.defaultSymbol ? [tok('=', ' '), tok(this.name(e.defaultSymbol), ' '), tok(';')] : [];
    const start = [tok('enum'), tok(this.name(e.name), ' '), tok('{', ' ')];
    let body: Tok[];
    const oneLine = [...start, ...lead(commaList(symbols), ' '), tok('}', symbols.length > 0 ? ' ' : ''), ...tail];
    if (!this.source.hasCommentBetween(open.end, close.start) && this.fits(indent, oneLine)) {
      body = oneLine;
    } else {
      body = [...start];
      symbols.forEach((symbol, i) => {
        append(body, lead(symbol, line(indent + 1, i === 0 ? 'never' : 'keep')));
        if (i < symbols.length - 1) body.push(tok(','));
      });
      append(body, [tok('}', closing(indent))], tail);
    }
    return this.head(e.annotations, body, indent, sep);
  }

  private message(m: Ast.MessageDecl, indent: number, sep: LineBreak): Tok[] {
    const result = m.returnType.kind === 'VoidType'
      ? join([...m.returnType.annotations.map((a) => this.annotation(a)), [tok('void')]], ' ')
      : this.type(m.returnType);
    const open = this.source.tokenAfter(m.name.end);
    const last = m.params[m.params.length - 1];
    const close = this.source.tokenAfter(last ? last.end : open.end);
    const params = m.params.map((p) => join([this.type(p.type), this.variable(p.variable)], ' '));
    const tail: Tok[] = [];
    if (m.oneway) tail.push(tok('oneway', ' '));
    else if (m.throws.length > 0) append(tail, [tok('throws', ' ')], lead(commaList(m.throws.map((t) => [tok(this.name(t))])), ' '));
    tail.push(tok(';'));
    const start = [...result, tok(this.name(m.name), ' '), tok('(')];
    let body = [...start, ...commaList(params), tok(')'), ...tail];
    if (this.source.hasCommentBetween(open.end, close.start) || !this.fits(indent, body)) {
      body = [...start];
      params.forEach((param, i) => {
        append(body, lead(param, line(indent + 1, i === 0 ? 'never' : 'keep')));
        if (i < params.length - 1) body.push(tok(','));
      });
      append(body, [tok(')', closing(indent))], tail);
    }
    return this.head(m.annotations, body, indent, sep);
  }

  private fits(indent: number, toks: Tok[]): boolean {
    return indent * this.indentWidth + flatWidth(toks) <= this.lineWidth;
  }

  private variable(v: Ast.VariableDecl): Tok[] {
    const name = [tok(this.name(v.name))];
    if (v.defaultValue) append(name, [tok('=', ' ')], lead(this.json(v.defaultValue), ' '));
    return join([...v.annotations.map((a) => this.annotation(a)), name], ' ');
  }

  private type(t: Ast.TypeNode): Tok[] {
    let core: Tok[];
    switch (t.kind) {
      case 'PrimitiveType':
        core = [tok(t.name)];
        if (t.optional) core.push(tok('?'));
        break;
      case 'DecimalType':
        core = [tok('decimal'), tok('('), tok(t.precision.raw)];
        if (t.scale) core.push(tok(','), tok(t.scale.raw));
        core.push(tok(')'));
        if (t.optional) core.push(tok('?'));
        break;
      case 'ReferenceType':
        core = [tok(this.name(t.name))];
        if (t.optional) core.push(tok('?'));
        break;
      case 'ArrayType':
        core = [tok('array'), tok('<'), ...this.type(t.items), tok('>')];
        break;
      case 'MapType':
        core = [tok('map'), tok('<'), ...this.type(t.values), tok('>')];
        break;
      case 'UnionType':
        core = [tok('union'), tok('{', ' '), ...lead(commaList(t.types.map((member) => this.type(member))), ' '), tok('}', ' ')];
        break;
    }
    return join([...t.annotations.map((a) => this.annotation(a)), core], ' ');
  }

  private annotation(a: Ast.Annotation): Tok[] {
    return [tok('@'), tok(this.name(a.name)), tok('('), ...this.json(a.value), tok(')')];
  }

  private json(node: Ast.JsonNode): Tok[] {
    switch (node.kind) {
      case 'String':
      case 'Number':
        return [tok(node.raw)];
      case 'Keyword':
        return [tok(String(node.value))];
      case 'Array':
        return [tok('['), ...commaList(node.items.map((item) => this.json(item))), tok(']')];
      case 'Object':
        return [
          tok('{'),
          ...commaList(node.entries.map((entry) => [tok(entry.key.raw), tok(':'), ...lead(this.json(entry.value), ' ')])),
          tok('}'),
        ];
    }
  }

  private name(id: Ast.Identifier): string {
    if (id.missing) {
      throw new Error(`cannot format ${this.source.file}: it has syntax errors (a name is missing at ${this.source.where(id.start)})`);
    }
    return id.raw;
  }
}

/** Prints the layout's tokens in step with the source tokens, placing every comment. */
class Printer {
  private out = '';
  private column = 0;
  private tokenIndex = 0;
  private commentIndex = 0;
  /** Source end offset of the last printed token; -1 before the first. */
  private previousEnd = -1;
  /** Indentation level of the current line (continuation lines are indented from it). */
  private lineIndent = 0;
  /** The last thing printed was a line comment: the line must end before anything else. */
  private afterLineComment = false;

  constructor(
    private readonly source: Source,
    private readonly indentWidth: number,
  ) {}

  print(toks: Tok[]): string {
    for (const t of toks) this.token(t);
    if (this.tokenIndex < this.source.tokens.length) {
      const extra = this.source.tokens[this.tokenIndex];
      throw new Error(`cannot format ${this.source.file}: it has syntax errors (unexpected '${extra.text}' at ${this.source.where(extra.start)})`);
    }
    this.placeComments(this.takeComments(this.source.text.length), line(0, 'keep'), undefined);
    if (this.out.length > 0) this.out += '\n';
    return this.out;
  }

  private token(t: Tok): void {
    const src = this.source.tokens[this.tokenIndex];
    if (!src || src.text !== t.text) {
      const where = src ? `${this.source.where(src.start)}, found '${src.text}'` : 'the end of the file';
      throw new Error(`cannot format ${this.source.file}: it has syntax errors (expected '${t.text}' at ${where})`);
    }
    this.placeComments(this.takeComments(src.start), t.sep, src.start);
    this.tokenIndex++;
    this.previousEnd = src.end;
  }

  /** The comments that end before `offset` and are not printed yet. */
  private takeComments(offset: number): Comment[] {
    const taken: Comment[] = [];
    const comments = this.source.comments;
    while (this.commentIndex < comments.length && comments[this.commentIndex].end <= offset) {
      taken.push(comments[this.commentIndex++]);
    }
    return taken;
  }

  /**
   * Prints the comments between the previous token and the next one, then the separator and
   * (when `tokenStart` is given) the token itself, whose text the caller already checked.
   */
  private placeComments(comments: Comment[], sep: Sep, tokenStart: number | undefined): void {
    const text = tokenStart === undefined ? undefined : this.source.tokens[this.tokenIndex].text;
    if (typeof sep !== 'object') {
      // Inline: comments stay on the line; a line comment ends it, and code continues below.
      for (const comment of comments) {
        if (this.afterLineComment) this.continuationLine();
        else this.write(' ');
        this.comment(comment);
      }
      if (text === undefined) return;
      if (this.afterLineComment) this.continuationLine();
      else this.write(comments.length > 0 ? ' ' : sep);
      this.write(text);
      this.afterLineComment = false;
      return;
    }
    // Comments on the previous token's source line stay there, trailing.
    let trailing = 0;
    let from = this.previousEnd;
    if (from >= 0) {
      for (const comment of comments) {
        // A doc comment is about what follows: it never trails.
        if (comment.kind === 'doc' || this.source.newlineBetween(from, comment.start)) break;
        this.write(' ');
        this.comment(comment);
        trailing++;
        from = comment.end;
      }
    }
    const commentIndent = sep.closing ? sep.indent + 1 : sep.indent;
    let first = true;
    for (let i = trailing; i < comments.length; i++) {
      const comment = comments[i];
      const sourceBlank = this.source.blankBetween(from, comment.start);
      const blank = first && !sep.closing ? sep.blank === 'always' || (sep.blank === 'keep' && sourceBlank) : sourceBlank;
      this.newLine(commentIndent, blank);
      this.comment(comment);
      first = false;
      from = comment.end;
    }
    if (text === undefined || tokenStart === undefined) return;
    let blank: boolean;
    if (sep.closing) blank = false;
    else if (first) blank = sep.blank === 'always' || (sep.blank === 'keep' && this.source.blankBetween(from, tokenStart));
    else blank = this.source.blankBetween(from, tokenStart);
    this.newLine(sep.indent, blank);
    this.write(text);
    this.afterLineComment = false;
  }

  private newLine(indent: number, blank: boolean): void {
    this.lineIndent = indent;
    this.afterLineComment = false;
    if (this.out.length === 0) return;
    this.out += blank ? '\n\n' : '\n';
    this.column = 0;
    this.write(' '.repeat(indent * this.indentWidth));
  }

  private continuationLine(): void {
    this.out += '\n';
    this.column = 0;
    this.write(' '.repeat((this.lineIndent + 2) * this.indentWidth));
    this.afterLineComment = false;
  }

  private write(text: string): void {
    if (text.length === 0) return;
    this.out += text;
    const newline = text.lastIndexOf('\n');
    this.column = newline < 0 ? this.column + text.length : text.length - newline - 1;
  }

  private comment(comment: Comment): void {
    this.write(renderComment(comment, this.source.prefixOf(comment), ' '.repeat(this.column)));
    this.afterLineComment = comment.kind === 'line';
  }
}

/**
 * A comment's text at its new place: a line comment without trailing spaces; a block comment
 * with its continuation lines moved along with its first line (from `oldPrefix`, what preceded
 * it on its source line, to `newPrefix`). A doc comment keeps its exact source text if moving
 * would change the doc text Avro derives from it.
 */
function renderComment(comment: Comment, oldPrefix: string, newPrefix: string): string {
  const source = comment.text;
  if (comment.kind === 'line') return source.trimEnd();
  const lines = source.split(LINE_BREAK);
  if (lines.length === 1) return source;
  const isDoc = comment.kind === 'doc';
  const moved = lines.map((text, i) => {
    if (i === 0) return isDoc ? text : text.trimEnd();
    if (!isDoc && text.trim() === '') return '';
    let result: string;
    if (text.startsWith(oldPrefix)) {
      result = newPrefix + text.slice(oldPrefix.length);
    } else {
      const indent = /^[ \t]*/.exec(text)![0];
      // Less indented than the comment's start: keep it that much to the left of the new start.
      result = oldPrefix.startsWith(indent)
        ? ' '.repeat(Math.max(0, newPrefix.length - (oldPrefix.length - indent.length))) + text.slice(indent.length)
        : text;
    }
    return isDoc ? result : result.trimEnd();
  });
  const rendered = moved.join('\n');
  if (isDoc && docCommentText(rendered) !== docCommentText(source)) return source;
  return rendered;
}

/** For each comment, how many tokens come before it. */
function commentSlots(tokens: Token[], comments: Comment[]): number[] {
  const slots: number[] = [];
  let t = 0;
  for (const comment of comments) {
    while (t < tokens.length && tokens[t].end <= comment.start) t++;
    slots.push(t);
  }
  return slots;
}

/** Checks that the output has the source's tokens, and its comments between the same tokens. */
function verify(source: Source, output: string): void {
  const again = lex(output, source.file);
  const tokens = again.tokens.filter((t) => t.kind !== 'eof');
  const fail = (what: string): never => {
    throw new Error(`internal error formatting ${source.file}: the output ${what} (a formatter bug; the file was not changed)`);
  };
  if (again.diagnostics.some((d) => d.severity === 'error')) fail('does not lex cleanly');
  if (tokens.length !== source.tokens.length) fail('has a different number of tokens');
  tokens.forEach((t, i) => {
    if (t.text !== source.tokens[i].text) fail(`changed token '${source.tokens[i].text}' into '${t.text}'`);
  });
  if (again.comments.length !== source.comments.length) fail('has a different number of comments');
  const before = commentSlots(source.tokens, source.comments);
  const after = commentSlots(tokens, again.comments);
  again.comments.forEach((c, i) => {
    if (c.kind !== source.comments[i].kind || after[i] !== before[i]) fail(`moved the comment at ${source.where(source.comments[i].start)}`);
  });
}

/**
 * Formats a parsed IDL file. The tree must come from a file without syntax errors (check the
 * parser's diagnostics first); otherwise this throws an Error saying so.
 */
export function formatIdl(ast: Ast.IdlFile, options: FormatOptions = {}): string {
  const indentWidth = options.indentWidth ?? 2;
  const lineWidth = options.lineWidth ?? 100;
  const source = new Source(ast.text, ast.file);
  const toks = new Layout(source, indentWidth, lineWidth).file(ast);
  const output = new Printer(source, indentWidth).print(toks);
  verify(source, output);
  return output;
}
