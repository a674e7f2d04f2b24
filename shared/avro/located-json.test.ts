import { describe, expect, it } from 'vitest';
import { childPath, JsonSyntaxError, parseLocatedJson } from './located-json.js';

describe('parseLocatedJson', () => {
  it('parses what JSON.parse parses', () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9\\ud83d\\ude00"], "b": {}, "c": []}';
    expect(parseLocatedJson(text).value).toEqual(JSON.parse(text));
  });

  it('records the range of every value by path', () => {
    const text = '{\n  "fields": [\n    {"name": "a", "type": "int"}\n  ],\n  "avro.x": 1\n}';
    const { ranges } = parseLocatedJson(text);
    const at = (path: string) => {
      const r = ranges.get(path);
      return r && text.slice(r.start, r.end);
    };
    expect(at('')).toBe(text);
    expect(at('fields[0]')).toBe('{"name": "a", "type": "int"}');
    expect(at('fields[0].type')).toBe('"int"');
    expect(at('["avro.x"]')).toBe('1');
  });

  it('keeps integers beyond 2^53 exact as bigints', () => {
    const { value } = parseLocatedJson('[9007199254740993, -9223372036854775808, 9007199254740991, 1.5]');
    expect(value).toEqual([9007199254740993n, -9223372036854775808n, 9007199254740991, 1.5]);
  });

  it('treats __proto__ as an ordinary key', () => {
    const { value } = parseLocatedJson('{"__proto__": {"x": 1}}') as { value: Record<string, unknown> };
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
  });

  it('skips a byte-order mark', () => {
    expect(parseLocatedJson('\ufeff"int"').value).toBe('int');
  });

  it.each([
    ['{"a": 1,}', 8, 'expected a member name'],
    ['[1 2]', 3, "expected ',' or ']'"],
    ['{"a" 1}', 5, "expected ':'"],
    ['"abc', 0, 'unterminated string'],
    ['"a\tb"', 2, 'control character'],
    ['"\\x"', 1, 'invalid escape'],
    ['01', 1, 'after the end'],
    ['tru', 0, 'expected a JSON value'],
    ['', 0, 'expected a JSON value, found the end of the text'],
    ['{"a": 1} x', 9, 'after the end'],
    ['[-]', 1, 'invalid number'],
    ['1.', 1, 'after the end'],
    ["{'a': 1}", 1, 'member name in double quotes'],
  ])('reports %j with its offset', (text, offset, message) => {
    try {
      parseLocatedJson(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(JsonSyntaxError);
      expect((error as JsonSyntaxError).offset).toBe(offset);
      expect((error as Error).message).toContain(message);
    }
  });
});

describe('childPath', () => {
  it('writes plain keys with dots, others quoted, indexes in brackets', () => {
    expect(childPath('', 'fields')).toBe('fields');
    expect(childPath('fields', 2)).toBe('fields[2]');
    expect(childPath('fields[2]', 'type')).toBe('fields[2].type');
    expect(childPath('messages', 'one-way')).toBe('messages["one-way"]');
    expect(childPath('', 'avro.java.string')).toBe('["avro.java.string"]');
  });
});
