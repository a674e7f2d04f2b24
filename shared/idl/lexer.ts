/**
 * The Avro IDL lexer: hand-written over character codes for speed (the editor re-lexes on
 * every keystroke). Mirrors the token rules of Apache Avro 1.12's Idl.g4: dotted/dashed
 * identifiers with backtick-escaped parts, Java string escapes, decimal/hex/octal integers,
 * floats including NaN and Infinity, and `/** *\/` doc comments kept for declarations.
 */
import type { Comment } from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { KEYWORD_SET, type TokenKind, type Token } from './tokens.js';

const ID_START = /[\p{XID_Start}_]/u;
const ID_CONTINUE = /[\p{XID_Continue}]/u;
const PUNCTUATION = '(){}[]:;,@=.-?<>';

export interface LexResult {
  tokens: Token[];
  comments: Comment[];
  diagnostics: Diagnostic[];
}

function isAsciiIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isAsciiIdContinue(c: number): boolean {
  return isAsciiIdStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** A lexer that hands out one token at a time, so tokens die young instead of filling the heap. */
export interface Lexer {
  /** The next token; `eof` at the end, again and again. */
  next(): Token;
  /** Comments seen so far, in order. */
  readonly comments: Comment[];
  /** Problems seen so far. */
  readonly diagnostics: Diagnostic[];
}

/** All tokens of a text at once (tests and tools; the parser streams with createLexer). */
export function lex(text: string, file: string): LexResult {
  const lexer = createLexer(text, file);
  const tokens: Token[] = [];
  let token: Token;
  do {
    token = lexer.next();
    tokens.push(token);
  } while (token.kind !== 'eof');
  return { tokens, comments: lexer.comments, diagnostics: lexer.diagnostics };
}

export function createLexer(text: string, file: string): Lexer {
  const comments: Comment[] = [];
  const diagnostics: Diagnostic[] = [];
  const n = text.length;
  let pos = 0;
  let pendingDoc: Comment | undefined;
  let produced: Token | undefined;

  const error = (start: number, end: number, message: string): void => {
    diagnostics.push({ severity: 'error', code: 'syntax', message, file, range: { start, end } });
  };

  const push = (kind: TokenKind, start: number, end: number, tokenText?: string): void => {
    // Every token gets the same shape (doc always present) so the parser's accesses stay monomorphic.
    produced = { kind, text: tokenText ?? text.slice(start, end), start, end, doc: pendingDoc };
    pendingDoc = undefined;
  };

  /** Length of one identifier part (plain or backticked) at `at`, or 0 if none starts there. */
  const identifierPart = (at: number): number => {
    const c = text.charCodeAt(at);
    if (c === 96 /* ` */) {
      const inner = identifierPart(at + 1);
      if (inner > 0 && text.charCodeAt(at + 1 + inner) === 96) return inner + 2;
      return 0;
    }
    let i = at;
    if (isAsciiIdStart(c)) i++;
    else {
      const cp = text.codePointAt(at);
      if (cp === undefined || cp < 128 || !ID_START.test(String.fromCodePoint(cp))) return 0;
      i += cp > 0xffff ? 2 : 1;
    }
    while (i < n) {
      const d = text.charCodeAt(i);
      if (isAsciiIdContinue(d)) {
        i++;
        continue;
      }
      if (d < 128) break;
      const cp = text.codePointAt(i)!;
      if (!ID_CONTINUE.test(String.fromCodePoint(cp))) break;
      i += cp > 0xffff ? 2 : 1;
    }
    return i - at;
  };

  /** Scans a number at `pos` (sign included); returns its end and kind, or undefined. */
  const scanNumber = (at: number): { end: number; kind: 'integer' | 'float' } | undefined => {
    let i = at;
    const sign = text.charCodeAt(i);
    if (sign === 43 /* + */ || sign === 45 /* - */) i++;
    if (text.startsWith('NaN', i) && !isAsciiIdContinue(text.charCodeAt(i + 3))) return { end: i + 3, kind: 'float' };
    if (text.startsWith('Infinity', i) && !isAsciiIdContinue(text.charCodeAt(i + 8))) return { end: i + 8, kind: 'float' };
    const digitsStart = i;
    // Hexadecimal integer or hexadecimal float.
    if (text.charCodeAt(i) === 48 && (text.charCodeAt(i + 1) | 32) === 120) {
      let j = i + 2;
      while (isHexDigit(text.charCodeAt(j))) j++;
      let isFloat = false;
      if (text.charCodeAt(j) === 46) {
        j++;
        while (isHexDigit(text.charCodeAt(j))) j++;
        isFloat = true;
      }
      if ((text.charCodeAt(j) | 32) === 112 /* p */) {
        let k = j + 1;
        if (text.charCodeAt(k) === 43 || text.charCodeAt(k) === 45) k++;
        if (isDigit(text.charCodeAt(k))) {
          while (isDigit(text.charCodeAt(k))) k++;
          if ('fFdD'.includes(text[k] ?? '#')) k++;
          return { end: k, kind: 'float' };
        }
      }
      if (isFloat || j === i + 2) return undefined;
      if ((text.charCodeAt(j) | 32) === 108 /* l */) j++;
      return sign === 43 ? undefined : { end: j, kind: 'integer' };
    }
    while (isDigit(text.charCodeAt(i))) i++;
    const intDigits = i - digitsStart;
    let isFloat = false;
    if (text.charCodeAt(i) === 46 /* . */ && (intDigits > 0 || isDigit(text.charCodeAt(i + 1)))) {
      i++;
      while (isDigit(text.charCodeAt(i))) i++;
      isFloat = true;
    }
    if (intDigits === 0 && !isFloat) return undefined;
    if ((text.charCodeAt(i) | 32) === 101 /* e */) {
      let k = i + 1;
      if (text.charCodeAt(k) === 43 || text.charCodeAt(k) === 45) k++;
      if (isDigit(text.charCodeAt(k))) {
        while (isDigit(text.charCodeAt(k))) k++;
        i = k;
        isFloat = true;
      }
    }
    if ('fFdD'.includes(text[i] ?? '#')) return { end: i + 1, kind: 'float' };
    if (isFloat) return { end: i, kind: 'float' };
    // Integers have no '+' sign in the grammar.
    if (sign === 43) return undefined;
    if ((text.charCodeAt(i) | 32) === 108 /* l */) i++;
    return { end: i, kind: 'integer' };
  };

  const next = (): Token => {
    produced = undefined;
    while (produced === undefined && pos < n) {
      const c = text.charCodeAt(pos);
      // Whitespace.
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
        pos++;
        continue;
      }
      // \u001a (SUB) ends the input, as older systems used it for end of file.
      if (c === 0x1a) {
        pos = n;
        break;
      }
      if (c === 47 /* / */) {
        const after = text.charCodeAt(pos + 1);
        if (after === 47) {
          let end = pos + 2;
          while (end < n && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
          comments.push({ kind: 'line', text: text.slice(pos, end), start: pos, end });
          pos = end;
          continue;
        }
        if (after === 42 /* * */) {
          const close = text.indexOf('*/', pos + 2);
          const end = close < 0 ? n : close + 2;
          if (close < 0) error(pos, pos + 2, 'unterminated comment: this /* has no closing */');
          const isDoc = text.charCodeAt(pos + 2) === 42 && !text.startsWith('/**/', pos) && close >= 0;
          const comment: Comment = { kind: isDoc ? 'doc' : 'block', text: text.slice(pos, end), start: pos, end };
          comments.push(comment);
          if (isDoc) pendingDoc = comment;
          pos = end;
          continue;
        }
      }
      if (c === 34 /* " */) {
        pos = scanString(text, pos, file, diagnostics, push);
        continue;
      }
      if (isDigit(c) || c === 43 || c === 45 || c === 46 || c === 78 /* N */ || c === 73 /* I */) {
        const number = scanNumber(pos);
        if (number) {
          push(number.kind, pos, number.end);
          pos = number.end;
          continue;
        }
      }
      const partLength = identifierPart(pos);
      if (partLength > 0) {
        let end = pos + partLength;
        // Parts joined by '.' or '-' form one identifier token (`avro.java.string`, `my-property`).
        for (;;) {
          const sep = text.charCodeAt(end);
          if (sep !== 46 && sep !== 45) break;
          const more = identifierPart(end + 1);
          if (more === 0) break;
          end += 1 + more;
        }
        const word = text.slice(pos, end);
        push(KEYWORD_SET.has(word) ? (word as TokenKind) : 'identifier', pos, end, word);
        pos = end;
        continue;
      }
      if (PUNCTUATION.includes(text[pos])) {
        push(text[pos] as TokenKind, pos, pos + 1, text[pos]);
        pos++;
        continue;
      }
      // Anything else: one invalid token per run of unknown characters, so the parser can go on.
      const cp = text.codePointAt(pos)!;
      const width = cp > 0xffff ? 2 : 1;
      if (c === 96) error(pos, pos + 1, 'unmatched backtick: an escaped identifier is written `name`');
      else error(pos, pos + width, `unexpected character '${String.fromCodePoint(cp)}'`);
      push('invalid', pos, pos + width);
      pos += width;
    }
    if (produced === undefined) push('eof', n, n, '');
    return produced!;
  };
  return { next, comments, diagnostics };
}

/** Scans a string literal starting at `start`; reports an unterminated or badly escaped string. */
function scanString(
  text: string,
  start: number,
  file: string,
  diagnostics: Diagnostic[],
  push: (kind: TokenKind, start: number, end: number, text?: string) => void,
): number {
  let i = start + 1;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      push('string', start, i + 1);
      return i + 1;
    }
    if (c === 10 || c === 13) break;
    if (c === 92 /* \ */) {
      const e = text[i + 1];
      if (e !== undefined && 'nrbft\\\'"'.includes(e)) i += 2;
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
      else if (e !== undefined && e >= '0' && e <= '7') {
        i += 2;
        const max = e <= '3' ? 2 : 1;
        for (let k = 0; k < max && text[i] >= '0' && text[i] <= '7'; k++) i++;
      } else {
        diagnostics.push({
          severity: 'error', code: 'syntax', file, range: { start: i, end: Math.min(i + 2, n) },
          message: `invalid escape sequence '\\${e ?? ''}' in string (use \\n, \\t, \\", \\\\, \\uXXXX...)`,
        });
        i += 2;
      }
      continue;
    }
    i++;
  }
  diagnostics.push({
    severity: 'error', code: 'syntax', file, range: { start, end: i },
    message: 'unterminated string: a string must end with " on the same line',
  });
  push('string', start, i);
  return i;
}

/** The value of a string literal token: quotes removed and Java escapes decoded. */
export function unquote(raw: string): string {
  const body = raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw.slice(1);
  if (!body.includes('\\')) return body;
  return body.replace(/\\(u[0-9a-fA-F]{4}|[0-3][0-7]{0,2}|[4-7][0-7]?|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'u': return String.fromCharCode(parseInt(e.slice(1), 16));
      default:
        if (e[0] >= '0' && e[0] <= '7') return String.fromCharCode(parseInt(e, 8));
        return e;
    }
  });
}
