import { describe, expect, it } from 'vitest';
import { fullNameProblem, isValidName, isValidNamespace, nameProblem, resolveName, simpleName, splitFullName } from './names.js';

describe('isValidName', () => {
  it.each(['a', 'A1', '_', '_x_9', 'Структура', '文字列', 'café', 'x٣'])('accepts %s', (name) => {
    expect(isValidName(name)).toBe(true);
  });
  it.each(['', '1a', 'a-b', 'a.b', 'a b', '$x', 'a$', '٣x', 'é́'])('rejects %j', (name) => {
    expect(isValidName(name)).toBe(false);
  });
});

describe('isValidNamespace', () => {
  it('accepts the empty (null) namespace and dotted names', () => {
    expect(isValidNamespace('')).toBe(true);
    expect(isValidNamespace('org.apache.avro')).toBe(true);
  });
  it('rejects empty parts and bad characters', () => {
    expect(isValidNamespace('org..avro')).toBe(false);
    expect(isValidNamespace('.org')).toBe(false);
    expect(isValidNamespace('org.1x')).toBe(false);
  });
});

describe('nameProblem / fullNameProblem', () => {
  it('says what is wrong', () => {
    expect(nameProblem('ok')).toBeUndefined();
    expect(nameProblem('', 'field name')).toBe("field name '' is empty");
    expect(nameProblem('1x')).toBe("name '1x' must start with a letter or '_', not '1'");
    expect(nameProblem('a-b')).toBe("name 'a-b' may only contain letters, digits and '_' (found '-')");
  });
  it('names the bad part of a full name', () => {
    expect(fullNameProblem('a.b.c')).toBeUndefined();
    expect(fullNameProblem('a..c', 'namespace')).toBe("namespace 'a..c' is invalid: part '' is empty");
    expect(fullNameProblem('a.9.c')).toContain("part '9' must start with a letter");
  });
});

describe('splitFullName', () => {
  it('uses the default namespace for a simple name', () => {
    expect(splitFullName('Foo', 'org.x')).toEqual({ name: 'Foo', namespace: 'org.x', fullName: 'org.x.Foo' });
  });
  it('lets a dotted name carry its own namespace', () => {
    expect(splitFullName('a.b.Foo', 'org.x')).toEqual({ name: 'Foo', namespace: 'a.b', fullName: 'a.b.Foo' });
  });
  it('treats the empty namespace as the null namespace', () => {
    expect(splitFullName('Foo', '')).toEqual({ name: 'Foo', namespace: undefined, fullName: 'Foo' });
    expect(splitFullName('Foo', undefined)).toEqual({ name: 'Foo', namespace: undefined, fullName: 'Foo' });
  });
});

describe('resolveName / simpleName', () => {
  it('resolves relative to a namespace', () => {
    expect(resolveName('Foo', 'ns')).toBe('ns.Foo');
    expect(resolveName('x.Foo', 'ns')).toBe('x.Foo');
    expect(resolveName('Foo', undefined)).toBe('Foo');
    expect(simpleName('a.b.Foo')).toBe('Foo');
    expect(simpleName('Foo')).toBe('Foo');
  });
});
