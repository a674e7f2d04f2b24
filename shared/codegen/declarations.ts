/**
 * The TypeScript declarations of named Avro types: records as interfaces (and their `…Input`
 * forms), enums as string literal unions with an array of their symbols, fixed as a `Uint8Array`
 * alias, and errors as classes extending the engine's `DeclaredError`, so a handler throws one
 * and a caller catches it with `instanceof`.
 */
import { defaultToRuntime } from '../avro/avro-json.js';
import { toJsonText } from '../avro/json-text.js';
import type { EnumSchema, Field, FixedSchema, NamedSchema, RecordSchema } from '../avro/model.js';
import { objectKey, propertyKey, quote } from './identifiers.js';
import { jsDoc } from './jsdoc.js';
import { logicalTypeNote } from './logical-types.js';
import type { RuntimeImports } from './runtime-imports.js';
import { tsLiteral } from './ts-literal.js';
import type { Direction, TypeScope } from './type-scope.js';

/** The declarations of one named type, as lines (blank lines between declarations included). */
export function declareNamed(schema: NamedSchema, scope: TypeScope, runtime: RuntimeImports): string[] {
  switch (schema.type) {
    case 'record':
      return declareRecord(schema, scope);
    case 'error':
      return [...declareRecord(schema, scope), '', ...declareErrorClass(schema, scope, runtime)];
    case 'enum':
      return declareEnum(schema, scope);
    case 'fixed':
      return declareFixed(schema, scope);
  }
}

function declareRecord(schema: RecordSchema, scope: TypeScope): string[] {
  const names = scope.namesOf(schema);
  const what = schema.type === 'error' ? `The value of error \`${schema.fullName}\`.` : undefined;
  const lines = [...jsDoc([schema.doc, what]), `export interface ${names.type} ${body(schema, scope, 'out')}`];
  if (names.input) {
    lines.push('', ...jsDoc([`\`${names.type}\` as you send it: fields with defaults may be left out (the default is sent).`]));
    lines.push(`export interface ${names.input} ${body(schema, scope, 'in')}`);
  }
  return lines;
}

function body(schema: RecordSchema, scope: TypeScope, direction: Direction): string {
  if (schema.fields.length === 0) return '{}';
  const lines = ['{'];
  for (const field of schema.fields) {
    const optional = direction === 'in' && field.hasDefault ? '?' : '';
    lines.push(...jsDoc(fieldDoc(field), '  '), `  ${propertyKey(field.name)}${optional}: ${scope.typeText(field.type, direction)};`);
  }
  lines.push('}');
  return lines.join('\n');
}

/** A field's (or a parameter's) doc, its logical type and its default. */
export function fieldDoc(field: Field): (string | undefined)[] {
  let shownDefault: string | undefined;
  if (field.hasDefault && field.default !== undefined) {
    const text = toJsonText(field.default, 0);
    shownDefault = `Default: \`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\`.`;
  }
  return [field.doc, logicalTypeNote(field.type), shownDefault];
}

function declareEnum(schema: EnumSchema, scope: TypeScope): string[] {
  const names = scope.namesOf(schema);
  const fallback = schema.default !== undefined ? `A reader that does not know a symbol reads \`${schema.default}\`.` : undefined;
  const symbols = schema.symbols.map(quote);
  return [
    ...jsDoc([schema.doc, fallback]),
    `export type ${names.type} = ${symbols.length === 0 ? 'never' : symbols.join(' | ')};`,
    '',
    `/** The symbols of \`${names.type}\`, in declaration order. */`,
    `export const ${names.symbols}: readonly ${names.type}[] = [${symbols.join(', ')}];`,
  ];
}

function declareFixed(schema: FixedSchema, scope: TypeScope): string[] {
  const names = scope.namesOf(schema);
  return [...jsDoc([schema.doc, `Avro fixed \`${schema.fullName}\`: exactly ${schema.size} byte${schema.size === 1 ? '' : 's'}.`, logicalTypeNote(schema)]), `export type ${names.type} = Uint8Array;`];
}

/**
 * The class for an error type. Its constructor takes the `…Input` form and fills in the top-level
 * defaults, so `value` is complete as soon as it is thrown; bytes become the Buffers the
 * engine's encoder wants (`asEngineValue`).
 */
function declareErrorClass(schema: RecordSchema, scope: TypeScope, runtime: RuntimeImports): string[] {
  const names = scope.namesOf(schema);
  const defaults: string[] = [];
  for (const field of schema.fields) {
    if (!field.hasDefault || field.default === undefined) continue;
    try {
      defaults.push(`${objectKey(field.name)}: ${tsLiteral(defaultToRuntime(field.type, field.default))}`);
    } catch {
      // A default the specification rejects (Java accepts some): the sender must give the field.
    }
  }
  const filled = defaults.length === 0 ? 'value' : `{ ${defaults.join(', ')}, ...value }`;
  const className = names.errorClass!;
  return [
    ...jsDoc([schema.doc, `Declared error \`${schema.fullName}\`: a handler throws it, a caller catches it (\`instanceof ${className}\`).`]),
    `export class ${className} extends ${runtime.value('DeclaredError')} {`,
    `  declare readonly value: ${names.type};`,
    `  override name = ${quote(className)};`,
    '',
    `  constructor(value: ${names.input ?? names.type}) {`,
    `    super(${quote(schema.fullName)}, ${runtime.value('asEngineValue')}(${filled}));`,
    '  }',
    '}',
  ];
}
