/**
 * TypeScript names for Avro names: which identifiers generated code may declare, how a property
 * key is written, and an allocator that hands out each top-level name once.
 *
 * Avro names are letters, digits and `_` (Unicode letters included), so they are almost always
 * TypeScript identifiers already; what can go wrong is a reserved word (`record default`, a
 * message named `void`), a name TypeScript predefines (`string`, `Record`, `Promise`), or two
 * types of different namespaces with the same simple name. The allocator resolves all three.
 */

/** Words that cannot name a type or a value, strict mode and TypeScript's type names included. */
const RESERVED = new Set([
  // ECMAScript reserved words (strict mode, modules).
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import', 'in', 'instanceof', 'interface',
  'let', 'new', 'null', 'package', 'private', 'protected', 'public', 'return', 'static', 'super', 'switch', 'this', 'throw',
  'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'arguments', 'eval',
  // TypeScript's predefined type names and contextual keywords that cannot name a type.
  'any', 'bigint', 'boolean', 'never', 'number', 'object', 'string', 'symbol', 'undefined', 'unknown', 'type', 'as',
  'asserts', 'async', 'declare', 'from', 'get', 'global', 'infer', 'is', 'keyof', 'module', 'namespace', 'of', 'out',
  'override', 'readonly', 'require', 'satisfies', 'set', 'unique', 'accessor', 'constructor',
  // Globals the generated code refers to: a type of that name would shadow them.
  'Array', 'Error', 'Exclude', 'JSON', 'Object', 'Promise', 'Record', 'TypeError', 'URL', 'Uint8Array',
]);

const IDENTIFIER = /^[\p{ID_Start}_$][\p{ID_Continue}$\u200c\u200d]*$/u;

/** Whether `name` can be written bare as a property key (any identifier, reserved words too). */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** A property key as TypeScript source: bare when it can be, else a quoted string. */
export function propertyKey(name: string): string {
  return isIdentifierName(name) ? name : quote(name);
}

/** A key in an object literal: as `propertyKey`, but `__proto__` computed (written plainly it sets the prototype). */
export function objectKey(name: string): string {
  return name === '__proto__' ? `[${quote(name)}]` : propertyKey(name);
}

/** A string literal in single quotes, as the generated code writes them. */
export function quote(text: string): string {
  return `'${text.replace(/[\\'\n\r\u2028\u2029]/g, (c) => ESCAPES[c])}'`;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** Makes any text a declarable identifier: invalid characters become `_`, reserved words get a `_`. */
function declarable(text: string): string {
  let name = [...text].map((c) => (/[\p{ID_Continue}$]/u.test(c) ? c : '_')).join('');
  if (!/^[\p{ID_Start}_$]/u.test(name)) name = `_${name}`;
  return RESERVED.has(name) ? `${name}_` : name;
}

/**
 * Hands out module-level names, each once. A wanted name that is taken or reserved gets `_`
 * appended until it is free, so the first comer keeps the plain name and output is stable.
 */
export class NameAllocator {
  private readonly taken = new Set<string>();

  /** Claims `wanted` (made declarable) or the nearest free variant of it. */
  claim(wanted: string): string {
    let name = declarable(wanted);
    while (this.taken.has(name)) name += '_';
    this.taken.add(name);
    return name;
  }
}
