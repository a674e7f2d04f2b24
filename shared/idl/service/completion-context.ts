/**
 * Where the cursor is, for completion: decided from the lexer's tokens before the cursor, not
 * from the syntax tree, because while the user types the file usually does not parse. The
 * token walk (token-walker.ts) follows the brackets; the innermost level at the cursor and the
 * statement in progress there say what may come next.
 */
import { createLexer } from '../lexer.js';
import type { Token } from '../tokens.js';
import { isGroup, isToken, isWord, isWordToken, PRIMITIVE_WORDS, typeLength, Walker, withoutAnnotations, type Frame, type Item } from './token-walker.js';

export type AnnotationTarget = 'declaration' | 'type' | 'variable' | 'enum-symbol';

export type ContextKind =
  | { kind: 'none' }
  | { kind: 'top-level'; namespaceAllowed: boolean; schemaAllowed: boolean; protocolAllowed: boolean; declarationsAllowed: boolean; afterAnnotations: boolean }
  | { kind: 'protocol-item' }
  | { kind: 'type'; where: 'field' | 'param' | 'union' | 'generic' | 'schema' }
  | { kind: 'import-kind' }
  | { kind: 'import-path'; importKind: 'idl' | 'protocol' | 'schema' }
  | { kind: 'namespace-name' }
  | { kind: 'annotation'; target: AnnotationTarget }
  | { kind: 'annotation-value'; name: string }
  | { kind: 'after-params' }
  | { kind: 'throws' }
  | { kind: 'enum-default'; symbols: string[] }
  | { kind: 'field-default'; type: TypeShape };

/** The written type of a field whose default is being typed. */
export type TypeShape =
  | { kind: 'named'; name: string; optional: boolean }
  | { kind: 'primitive'; name: string; optional: boolean }
  | { kind: 'array' | 'map' }
  | { kind: 'union'; firstIsNull: boolean; first?: TypeShape };

export type CompletionContext = ContextKind & {
  /** The namespace names resolve in at the cursor. */
  namespace: string | undefined;
  /** Offsets of the text the completion replaces (the word or dotted name being typed). */
  replaceStart: number;
  replaceEnd: number;
  /** The text typed so far in that range. */
  prefix: string;
  /** The cursor is inside a string literal (an import path, an annotation value, a default). */
  inString: boolean;
};

function typeShape(items: Item[]): TypeShape | undefined {
  const first = items[0];
  if (!isWord(first)) return undefined;
  const optional = isToken(items[items.length - 1], '?');
  if (first.kind === 'array' || first.kind === 'map') return { kind: first.kind };
  if (first.kind === 'union' && isGroup(items[1], '{')) {
    const union = items[1].frame;
    const firstBranch = typeShape(withoutAnnotations(union.first ?? union.items));
    return { kind: 'union', firstIsNull: firstBranch?.kind === 'primitive' && firstBranch.name === 'null', first: firstBranch };
  }
  if (PRIMITIVE_WORDS.has(first.kind) || first.kind === 'decimal') return { kind: 'primitive', name: first.kind, optional };
  return { kind: 'named', name: first.text.replace(/`/g, ''), optional };
}

/** The context of a completion at `offset` of `text`. */
export function completionContext(text: string, offset: number): CompletionContext {
  const lexer = createLexer(text.slice(0, offset), '');
  const tokens: Token[] = [];
  for (let token = lexer.next(); token.kind !== 'eof'; token = lexer.next()) tokens.push(token);

  const base = { namespace: undefined as string | undefined, replaceStart: offset, replaceEnd: offset, prefix: '', inString: false };
  const lastComment = lexer.comments[lexer.comments.length - 1];
  if (lastComment && lastComment.end === offset && (lastComment.kind === 'line' || !lastComment.text.endsWith('*/') || lastComment.text.length < 4)) {
    return { kind: 'none', ...base };
  }

  // The word being typed (a name, maybe dotted or dashed so far) is what the completion replaces.
  let last = tokens[tokens.length - 1];
  if (last && last.end === offset) {
    if (last.kind === 'string' && (last.text.length === 1 || !last.text.endsWith('"'))) {
      tokens.pop();
      base.inString = true;
      base.replaceStart = last.start + 1;
    } else if (isWordToken(last)) {
      tokens.pop();
      base.replaceStart = last.start;
    } else if ((last.kind === '.' || last.kind === '-') && tokens.length > 1 && isWordToken(tokens[tokens.length - 2]) && tokens[tokens.length - 2].end === last.start) {
      base.replaceStart = tokens[tokens.length - 2].start;
      tokens.length -= 2;
    } else if (last.kind === 'integer' || last.kind === 'float') {
      return { kind: 'none', ...base };
    }
    base.prefix = text.slice(base.replaceStart, offset);
  }
  last = tokens[tokens.length - 1];
  const typingAnnotation = !base.inString && last?.kind === '@' && last.end === base.replaceStart;
  if (typingAnnotation) tokens.pop();

  const walker = new Walker();
  for (const token of tokens) walker.push(token);
  const frame = walker.top;
  base.namespace = frame.namespace;
  const context = decide(frame, typingAnnotation, base.inString);
  return { ...context, ...base };
}

function decide(frame: Frame, typingAnnotation: boolean, inString: boolean): ContextKind {
  const rest = withoutAnnotations(frame.items);
  const last = rest[rest.length - 1];
  if (typingAnnotation) {
    if (frame.kind === 'file' || frame.kind === 'protocol') return rest.length === 0 ? { kind: 'annotation', target: 'declaration' } : { kind: 'none' };
    if (frame.kind === 'enum') return { kind: 'annotation', target: 'enum-symbol' };
    if (frame.kind === 'record' || frame.kind === 'params') {
      if (rest.length === 0) return { kind: 'annotation', target: 'type' };
      return typeLength(rest) === rest.length || isToken(last, ',') ? { kind: 'annotation', target: 'variable' } : { kind: 'none' };
    }
    if (frame.kind === 'union' || frame.kind === 'generic') return rest.length === 0 ? { kind: 'annotation', target: 'type' } : { kind: 'none' };
    return { kind: 'none' };
  }
  if (frame.kind === 'annotation') return frame.annotation ? { kind: 'annotation-value', name: frame.annotation } : { kind: 'none' };
  if (inString) {
    if (isToken(rest[0], 'import') && rest.length === 2 && isWord(rest[1])) {
      const importKind = rest[1].kind;
      if (importKind === 'idl' || importKind === 'protocol' || importKind === 'schema') return { kind: 'import-path', importKind };
    }
    return fieldDefault(frame, rest) ?? { kind: 'none' };
  }
  if (isToken(rest[0], 'import')) return rest.length === 1 ? { kind: 'import-kind' } : { kind: 'none' };
  if (isToken(rest[0], 'enum') && isToken(last, '=')) {
    const body = rest[2];
    return isGroup(body, '{') ? { kind: 'enum-default', symbols: body.frame.symbols } : { kind: 'none' };
  }
  switch (frame.kind) {
    case 'file': {
      if (rest.length === 0) {
        const nothingYet = frame.statements === 0;
        const onlyNamespace = frame.statements === 1 && frame.namespace !== undefined;
        return {
          kind: 'top-level',
          protocolAllowed: nothingYet,
          namespaceAllowed: nothingYet && frame.items.length === 0,
          schemaAllowed: (nothingYet || onlyNamespace) && frame.items.length === 0,
          declarationsAllowed: !frame.sawProtocol,
          afterAnnotations: frame.items.length > 0,
        };
      }
      if (isToken(rest[0], 'namespace') && rest.length === 1) return { kind: 'namespace-name' };
      if (isToken(rest[0], 'schema') && rest.length === 1) return { kind: 'type', where: 'schema' };
      return { kind: 'none' };
    }
    case 'protocol':
      if (rest.length === 0) return { kind: 'protocol-item' };
      if (isGroup(last, '(')) return { kind: 'after-params' };
      if (isToken(last, 'throws') || (isToken(last, ',') && rest.some((item) => isToken(item, 'throws')))) return { kind: 'throws' };
      return { kind: 'none' };
    case 'record':
    case 'params':
      if (rest.length === 0) return { kind: 'type', where: frame.kind === 'record' ? 'field' : 'param' };
      return fieldDefault(frame, rest) ?? { kind: 'none' };
    case 'union':
      return rest.length === 0 ? { kind: 'type', where: 'union' } : { kind: 'none' };
    case 'generic':
      return rest.length === 0 ? { kind: 'type', where: 'generic' } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

/** `Type name = |`: the field's (or parameter's) type, for default values. */
function fieldDefault(frame: Frame, rest: Item[]): ContextKind | undefined {
  if (frame.kind !== 'record' && frame.kind !== 'params') return undefined;
  if (!isToken(rest[rest.length - 1], '=')) return undefined;
  const length = typeLength(rest);
  const type = length > 0 ? typeShape(rest.slice(0, length)) : undefined;
  return type ? { kind: 'field-default', type } : undefined;
}
