/**
 * A JSON parser that remembers where every value is. `JSON.parse` gives neither positions
 * (so a schema error could not point at `fields[2].type` in the editor) nor exact large
 * integers (a `long` default beyond 2^53 would silently change), so schema files are read
 * with this instead. It accepts exactly RFC 8259 JSON, plus a leading byte-order mark.
 */
import type { JsonValue } from './model.js';

export interface TextRange {
  start: number;
  end: number;
}

export interface LocatedJson {
  value: JsonValue;
  /** The range of every value, keyed by its path (`''` for the whole document, see `childPath`). */
  ranges: Map<string, TextRange>;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    /** Character offset of the problem. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** RFC 8259 number syntax, matched where the parser stands (sticky). */
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

/**
 * The path of a member or item below `path`: `fields[2].type`, `messages.hello`,
 * `props["avro.java.string"]`. Used for both ranges and error messages, so they always agree.
 */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (PLAIN_KEY.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Parses JSON text; integers outside the safe range become bigints so they stay exact. */
export function parseLocatedJson(text: string): LocatedJson {
  const parser = new Parser(text);
  return { value: parser.document(), ranges: parser.ranges };
}

class Parser {
  readonly ranges = new Map<string, TextRange>();
  private pos = 0;

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  document(): JsonValue {
    this.skipSpace();
    const value = this.value('');
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describeHere()} after the end of the JSON value`);
    return value;
  }

  private value(path: string): JsonValue {
    const start = this.pos;
    const c = this.text[this.pos];
    let value: JsonValue;
    if (c === '{') value = this.object(path);
    else if (c === '[') value = this.array(path);
    else if (c === '"') value = this.string();
    else if (c === '-' || (c >= '0' && c <= '9')) value = this.number();
    else if (this.text.startsWith('true', this.pos)) value = this.literal('true', true);
    else if (this.text.startsWith('false', this.pos)) value = this.literal('false', false);
    else if (this.text.startsWith('null', this.pos)) value = this.literal('null', null);
    else this.fail(`expected a JSON value, found ${this.describeHere()}`);
    this.ranges.set(path, { start, end: this.pos });
    return value;
  }

  private object(path: string): { [key: string]: JsonValue } {
    const result: { [key: string]: JsonValue } = {};
    this.pos++; // {
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail(`expected a member name in double quotes, found ${this.describeHere()}`);
      const key = this.string();
      this.skipSpace();
      this.expect(':', `after member name ${JSON.stringify(key)}`);
      this.skipSpace();
      const item = this.value(childPath(path, key));
      // `__proto__` is an ordinary key in JSON; assigning it would change the prototype instead.
      if (key === '__proto__') Object.defineProperty(result, key, { value: item, enumerable: true, writable: true, configurable: true });
      else result[key] = item;
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') this.pos++;
      else if (next === '}') {
        this.pos++;
        return result;
      } else this.fail(`expected ',' or '}' in object, found ${this.describeHere()}`);
    }
  }

  private array(path: string): JsonValue[] {
    const result: JsonValue[] = [];
    this.pos++; // [
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      result.push(this.value(childPath(path, result.length)));
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') this.pos++;
      else if (next === ']') {
        this.pos++;
        return result;
      } else this.fail(`expected ',' or ']' in array, found ${this.describeHere()}`);
    }
  }

  private string(): string {
    const open = this.pos++;
    let out = '';
    let chunk = this.pos;
    for (;;) {
      if (this.pos >= this.text.length) throw new JsonSyntaxError('unterminated string', open);
      const code = this.text.charCodeAt(this.pos);
      if (code === 0x22) {
        out += this.text.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (code < 0x20) this.fail('control character in string (escape it, e.g. \\n)');
      if (code === 0x5c) {
        out += this.text.slice(chunk, this.pos);
        out += this.escape();
        chunk = this.pos;
      } else this.pos++;
    }
  }

  private escape(): string {
    const at = this.pos;
    const c = this.text[this.pos + 1];
    this.pos += 2;
    switch (c) {
      case '"': return '"';
      case '\\': return '\\';
      case '/': return '/';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'u': {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('invalid \\u escape: expected 4 hex digits', at);
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        throw new JsonSyntaxError(`invalid escape '\\${c ?? ''}' in string`, at);
    }
  }

  private number(): number | bigint {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail(`invalid number`);
    const raw = match[0];
    this.pos += raw.length;
    const isInteger = match[1] === undefined && match[2] === undefined;
    const value = Number(raw);
    // Keep integers exact: a long default such as 9007199254740993 must not become ...992.
    return isInteger && !Number.isSafeInteger(value) ? BigInt(raw) : value;
  }

  private literal(word: string, value: boolean | null): boolean | null {
    this.pos += word.length;
    return value;
  }

  private expect(c: string, where: string): void {
    if (this.text[this.pos] !== c) this.fail(`expected '${c}' ${where}, found ${this.describeHere()}`);
    this.pos++;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
      else break;
    }
  }

  private describeHere(): string {
    if (this.pos >= this.text.length) return 'the end of the text';
    return `'${String.fromCodePoint(this.text.codePointAt(this.pos) ?? 0)}'`;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.pos);
  }
}
