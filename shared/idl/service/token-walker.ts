/**
 * A walk over IDL tokens that follows the brackets, for what must work while the file does not
 * parse (the user is typing): a stack of frames (a protocol's or record's body, a union's
 * braces, a message's parameters, `array<...>`, an annotation's value), each with the tokens of
 * the statement in progress at its level. Completion reads the innermost frame at the cursor;
 * the declaration scan collects the named types the text declares.
 */
import { docCommentText } from '../doc-comment.js';
import { unquote } from '../lexer.js';
import { KEYWORD_SET, type Token } from '../tokens.js';

export type FrameKind = 'file' | 'protocol' | 'record' | 'enum' | 'union' | 'params' | 'generic' | 'annotation' | 'json' | 'decimal' | 'fixed-size' | 'block';
export type Opener = '{' | '(' | '<' | '[';

/** A bracketed group, closed or still open, standing as one item in its parent's statement. */
export interface Group {
  kind: 'group';
  opener: Opener;
  frame: Frame;
}

export type Item = Token | Group;

export interface Frame {
  kind: FrameKind;
  opener?: Opener;
  /** The statement in progress at this level. */
  items: Item[];
  /** The namespace names resolve in here. */
  namespace: string | undefined;
  /** The annotation's name, for an annotation's value. */
  annotation?: string;
  /** The first string inside (an annotation's value). */
  firstString?: string;
  /** An enum's symbols so far. */
  symbols: string[];
  /** A union's first branch (its statement is reset at each ','). */
  first?: Item[];
  /** The type this body declares, when declarations are collected. */
  declared?: DeclaredType;
  /** File level: what was declared already (schema syntax has an order: namespace, schema, the rest). */
  statements: number;
  sawProtocol: boolean;
}

/** A named type the text declares, found by the walk (no compiler involved). */
export interface DeclaredType {
  type: 'record' | 'error' | 'enum' | 'fixed';
  name: string;
  namespace: string | undefined;
  fullName: string;
  doc?: string;
  symbols?: string[];
  /** Where its name is. */
  start: number;
}

export const isGroup = (item: Item | undefined, opener?: Opener): item is Group =>
  item !== undefined && item.kind === 'group' && (opener === undefined || item.opener === opener);
export const isToken = (item: Item | undefined, kind?: string): item is Token =>
  item !== undefined && item.kind !== 'group' && (kind === undefined || item.kind === kind);
/** An identifier, or a keyword used as one (the grammar accepts any keyword where it wants a name). */
export const isWordToken = (token: Token): boolean => token.kind === 'identifier' || KEYWORD_SET.has(token.kind);
export const isWord = (item: Item | undefined): item is Token => isToken(item) && isWordToken(item);

export const PRIMITIVE_WORDS = new Set(['boolean', 'int', 'long', 'float', 'double', 'bytes', 'string', 'null', 'date', 'time_ms', 'timestamp_ms', 'local_timestamp_ms', 'uuid']);
/** Frames whose statements cannot contain `;`: a `;` inside one means it was left open. */
const INLINE_FRAMES = new Set<FrameKind>(['union', 'params', 'generic', 'annotation', 'json', 'decimal', 'fixed-size']);

/** The statement without its annotations (`@name(value)`), wherever they stand in it. */
export function withoutAnnotations(items: Item[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    if (isToken(items[i], '@')) {
      if (isWord(items[i + 1])) i++;
      if (isGroup(items[i + 1], '(')) i++;
      continue;
    }
    out.push(items[i]);
  }
  return out;
}

function annotationsOf(items: Item[]): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (let i = 0; i + 1 < items.length; i++) {
    const name = items[i + 1];
    if (isToken(items[i], '@') && isWord(name)) {
      const group = items[i + 2];
      out.set(name.text, isGroup(group, '(') ? group.frame.firstString : undefined);
    }
  }
  return out;
}

/** The namespace a declaration (its statement's items) gives its body: `@namespace`, a dotted name, or the enclosing one. */
function declaredNamespace(owner: Item[], enclosing: string | undefined): string | undefined {
  const annotated = annotationsOf(owner).get('namespace');
  if (annotated !== undefined) return annotated === '' ? undefined : annotated;
  const rest = withoutAnnotations(owner);
  const name = rest[1];
  if (isWord(name) && name.text.includes('.')) return name.text.slice(0, name.text.lastIndexOf('.')).replace(/`/g, '');
  return enclosing;
}

/**
 * The declaration a `{` opens: the statement's last `protocol|record|error|enum Name` (with the
 * annotations before it). The last one, because a statement left unfinished (`schema ` typed
 * above a record) runs into the next declaration.
 */
function declarationOwner(items: Item[]): Item[] | undefined {
  const k = items.length - 2;
  const keyword = items[k];
  if (!isWord(items[k + 1]) || !isToken(keyword) || !['protocol', 'record', 'error', 'enum'].includes(keyword.kind)) return undefined;
  let start = k;
  for (;;) {
    if (isGroup(items[start - 1], '(') && isWord(items[start - 2]) && isToken(items[start - 3], '@')) start -= 3;
    else if (isWord(items[start - 1]) && isToken(items[start - 2], '@')) start -= 2;
    else break;
  }
  return items.slice(start);
}

/** How many items a type written at the start of `items` takes (0 when none starts there). */
export function typeLength(items: Item[]): number {
  const first = items[0];
  if (!isWord(first)) return 0;
  let n = 1;
  if ((first.kind === 'array' || first.kind === 'map') && isGroup(items[1], '<')) n = 2;
  else if (first.kind === 'union' && isGroup(items[1], '{')) return 2;
  else if (first.kind === 'decimal' && isGroup(items[1], '(')) n = 2;
  return isToken(items[n], '?') ? n + 1 : n;
}

export class Walker {
  readonly stack: Frame[];
  /** The named types declared so far (when collecting). */
  readonly declarations: DeclaredType[] = [];

  constructor(private readonly collect = false) {
    this.stack = [this.frame('file', undefined, undefined)];
  }

  /** Records the declaration whose statement is `items`, in the namespace `frame` gives it. */
  private declare(items: Item[], enclosing: string | undefined, body?: Frame): void {
    const rest = withoutAnnotations(items);
    const keyword = rest[0];
    const name = rest[1];
    if (!isToken(keyword) || !isWord(name)) return;
    const type = keyword.kind;
    if (type !== 'record' && type !== 'error' && type !== 'enum' && type !== 'fixed') return;
    const written = name.text.replace(/`/g, '');
    const simple = written.slice(written.lastIndexOf('.') + 1);
    const namespace = declaredNamespace(items, enclosing);
    const first = items[0];
    const doc = isToken(first) && first.doc ? docCommentText(first.doc.text) : undefined;
    const declared: DeclaredType = { type, name: simple, namespace, fullName: namespace ? `${namespace}.${simple}` : simple, doc, start: name.start };
    if (type === 'enum') declared.symbols = body?.symbols ?? [];
    if (body) body.declared = declared;
    this.declarations.push(declared);
  }

  private frame(kind: FrameKind, opener: Opener | undefined, namespace: string | undefined): Frame {
    return { kind, opener, items: [], namespace, symbols: [], statements: 0, sawProtocol: false };
  }

  get top(): Frame {
    return this.stack[this.stack.length - 1];
  }

  private open(kind: FrameKind, opener: Opener, namespace = this.top.namespace): Frame {
    const frame = this.frame(kind, opener, namespace);
    this.top.items.push({ kind: 'group', opener, frame });
    this.stack.push(frame);
    return frame;
  }

  /** Closes the innermost group opened with `opener` (and any left open inside it). */
  private close(opener: Opener): void {
    let at = this.stack.length - 1;
    while (at > 0 && this.stack[at].opener !== opener) at--;
    if (at === 0) return; // a stray closer
    const frame = this.stack[at];
    this.stack.length = at;
    if (frame.kind === 'protocol' || frame.kind === 'record') this.endStatement(frame.kind === 'protocol');
  }

  private endStatement(protocol = false): void {
    const top = this.top;
    if (top.kind === 'file' && withoutAnnotations(top.items).length > 0) {
      top.statements++;
      if (protocol) top.sawProtocol = true;
    }
    top.items = [];
  }

  /** Ends a statement at `;`, first closing what an unfinished type or value left open. */
  private semicolon(): void {
    while (this.stack.length > 1 && INLINE_FRAMES.has(this.top.kind)) this.stack.pop();
    const top = this.top;
    const rest = withoutAnnotations(top.items);
    if (top.kind === 'file' && isToken(rest[0], 'namespace') && isWord(rest[1])) top.namespace = rest[1].text.replace(/`/g, '') || undefined;
    this.endStatement();
  }

  push(token: Token): void {
    const top = this.top;
    // An enum's `}` ends its declaration unless `= DEFAULT;` follows.
    const previous = top.items[top.items.length - 1];
    if (isGroup(previous, '{') && previous.frame.kind === 'enum' && token.kind !== '=') this.endStatement();
    const items = top.items;
    const last = items[items.length - 1];
    switch (token.kind) {
      case '{': {
        if (top.kind === 'annotation' || top.kind === 'json' || isToken(last, '=') || isToken(last, ':')) this.open('json', '{');
        else if (isToken(last, 'union')) this.open('union', '{');
        else {
          const owner = declarationOwner(items);
          const keyword = owner ? withoutAnnotations(owner)[0] : undefined;
          if (owner && isToken(keyword, 'protocol')) this.open('protocol', '{', declaredNamespace(owner, top.namespace));
          else if (owner && (isToken(keyword, 'record') || isToken(keyword, 'error') || isToken(keyword, 'enum'))) {
            const body = keyword.kind === 'enum' ? this.open('enum', '{') : this.open('record', '{', declaredNamespace(owner, top.namespace));
            if (this.collect) this.declare(owner, top.namespace, body);
          } else this.open('block', '{');
        }
        return;
      }
      case '(': {
        const before = items[items.length - 2];
        if (isWord(last) && isToken(before, '@')) this.open('annotation', '(').annotation = last.text;
        else if (isToken(last, 'decimal')) this.open('decimal', '(');
        else if (isToken(withoutAnnotations(items)[0], 'fixed')) {
          if (this.collect) this.declare(items.slice(), top.namespace);
          this.open('fixed-size', '(');
        }
        else if (top.kind === 'protocol') this.open('params', '(');
        else this.open('block', '(');
        return;
      }
      case '<':
        if (isToken(last, 'array') || isToken(last, 'map')) this.open('generic', '<');
        else items.push(token);
        return;
      case '[':
        this.open('json', '[');
        return;
      case '}':
        this.close('{');
        return;
      case ')':
        this.close('(');
        return;
      case '>':
        this.close('<');
        return;
      case ']':
        this.close('[');
        return;
      case ';':
        if (top.kind === 'json') items.push(token);
        else this.semicolon();
        return;
      case ',':
        if (top.kind === 'union' || top.kind === 'params' || top.kind === 'enum') {
          top.first ??= items;
          top.items = [];
        }
        else items.push(token);
        return;
      default:
        if (top.kind === 'enum' && isWord(token) && !isToken(last, '@') && withoutAnnotations(items).length === 0) top.symbols.push(token.text);
        if (token.kind === 'string' && top.firstString === undefined) top.firstString = unquote(token.text);
        items.push(token);
    }
  }
}

