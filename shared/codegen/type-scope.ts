/**
 * The TypeScript names of a file's named Avro types, and any schema written as a TypeScript type.
 *
 * Values are typed in the runtime's shape (`shared/avro/avro-json.ts`), the one the RPC engine
 * hands over, so generated types describe exactly what a call sends and receives:
 *
 * | Avro                  | TypeScript                                                       |
 * |-----------------------|------------------------------------------------------------------|
 * | null, boolean, string | `null`, `boolean`, `string`                                      |
 * | int, float, double    | `number`                                                         |
 * | long                  | `number \| bigint` (a bigint beyond 2^53)                        |
 * | bytes, fixed          | `Uint8Array` (fixed: an alias naming its size)                   |
 * | enum                  | a union of its symbols as string literals                        |
 * | array, map            | `T[]`, `Record<string, T>`                                       |
 * | record                | an interface                                                     |
 * | error                 | a class (to throw and catch) and an interface `…Value` (its record) |
 * | union                 | `null \| OneOf<{ string: string; 'ns.Rec': Rec }>`: wrapped, keyed by branch |
 *
 * Unions are wrapped as Avro's JSON encoding writes them (and as the engine holds them): `null`
 * bare, any other branch as an object with exactly one key, the branch's name (the full name of a
 * named type, else the type: `string`, `array`, `map`). `OneOf` makes the other keys `never`, so a
 * value naming two branches does not type-check, and a branch is told apart by testing its key
 * (`value.string !== undefined`).
 *
 * Each record has two forms. The plain one is what you receive: complete, every field present.
 * `…Input` is what you send: fields with defaults may be left out (the engine's encoder writes the
 * default), and the records inside are `…Input` too. Records without defaults anywhere inside need
 * no second form and have none.
 */
import type { NamedSchema, RecordSchema, Schema } from '../avro/model.js';
import { unionBranchName } from '../avro/avro-json.js';
import { NameAllocator, propertyKey } from './identifiers.js';

/** Which side of a call a type is for: what you send (`in`) or what you receive (`out`). */
export type Direction = 'in' | 'out';

/** The union helper's name: claimed before any Avro name, so it is always this. */
export const ONE_OF = 'OneOf';

export interface TypeNames {
  /** The plain (received) type: an interface, enum union, fixed alias, or an error's `…Value`. */
  type: string;
  /** The `…Input` form of a record that has one. */
  input?: string;
  /** An error's class. */
  errorClass?: string;
  /** An enum's array of symbols. */
  symbols?: string;
}

export class TypeScope {
  /** Every named type the file declares, in the order they are first met. */
  readonly named: NamedSchema[];
  readonly names = new Map<NamedSchema, TypeNames>();
  /** Whether the `OneOf` helper was used. */
  usesOneOf = false;

  constructor(
    roots: Schema[],
    readonly allocator: NameAllocator,
  ) {
    allocator.claim(ONE_OF);
    this.named = collectNamed(roots);
    const withInput = recordsNeedingInput(this.named);
    // Two types of different namespaces with one simple name: both go by their full names.
    const counts = new Map<string, number>();
    for (const t of this.named) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    const base = (t: NamedSchema): string => ((counts.get(t.name) ?? 0) > 1 ? t.fullName.replace(/\./g, '_') : t.name);
    // Plain names first, derived names (`…Input`, `…Value`) after: a type actually called
    // `FooInput` keeps its name, and Foo's input form moves aside.
    for (const t of this.named) {
      const names: TypeNames = t.type === 'error' ? { type: '', errorClass: allocator.claim(base(t)) } : { type: allocator.claim(base(t)) };
      this.names.set(t, names);
    }
    // Derived from the wanted name, not the claimed one: `Channel` renamed `Channel_` has `ChannelInput`.
    for (const t of this.named) {
      const names = this.names.get(t)!;
      const wanted = t.type === 'error' ? `${base(t)}Value` : base(t);
      if (t.type === 'error') names.type = allocator.claim(wanted);
      if (t.type === 'enum') names.symbols = allocator.claim(`${wanted}Symbols`);
      if ((t.type === 'record' || t.type === 'error') && withInput.has(t)) names.input = allocator.claim(`${wanted}Input`);
    }
  }

  namesOf(schema: NamedSchema): TypeNames {
    const names = this.names.get(schema);
    if (!names) throw new Error(`internal: ${schema.fullName} was not collected`);
    return names;
  }

  /** The TypeScript name of a record's form for `direction`. */
  recordName(schema: RecordSchema, direction: Direction): string {
    const names = this.namesOf(schema);
    return direction === 'in' && names.input ? names.input : names.type;
  }

  /** `schema` as a TypeScript type for values travelling in `direction`. */
  typeText(schema: Schema, direction: Direction): string {
    switch (schema.type) {
      case 'null':
      case 'boolean':
      case 'string':
        return schema.type;
      case 'int':
      case 'float':
      case 'double':
        return 'number';
      case 'long':
        return 'number | bigint';
      case 'bytes':
        return 'Uint8Array';
      case 'array': {
        const item = this.typeText(schema.items, direction);
        return /^[\p{ID_Continue}$.]+$/u.test(item) ? `${item}[]` : `Array<${item}>`;
      }
      case 'map':
        return `Record<string, ${this.typeText(schema.values, direction)}>`;
      case 'record':
      case 'error':
        return this.recordName(schema, direction);
      case 'enum':
      case 'fixed':
        return this.namesOf(schema).type;
      case 'union': {
        const branches = schema.types.filter((t) => t.type !== 'null').map((t) => `${propertyKey(unionBranchName(t))}: ${this.typeText(t, direction)}`);
        const nullable = branches.length < schema.types.length;
        let wrapped: string | undefined;
        if (branches.length === 1) wrapped = `{ ${branches[0]} }`;
        else if (branches.length > 1) {
          this.usesOneOf = true;
          wrapped = `${ONE_OF}<{ ${branches.join('; ')} }>`;
        }
        return [nullable ? 'null' : undefined, wrapped].filter((p) => p !== undefined).join(' | ') || 'never';
      }
    }
  }
}

/** Named types reachable from `roots`, each once, in the order a depth-first walk meets them. */
function collectNamed(roots: Schema[]): NamedSchema[] {
  const seen = new Set<NamedSchema>();
  const visit = (schema: Schema): void => {
    switch (schema.type) {
      case 'record':
      case 'error':
        if (seen.has(schema)) return;
        seen.add(schema);
        for (const field of schema.fields) visit(field.type);
        return;
      case 'enum':
      case 'fixed':
        seen.add(schema);
        return;
      case 'array':
        return visit(schema.items);
      case 'map':
        return visit(schema.values);
      case 'union':
        return schema.types.forEach(visit);
      default:
        return;
    }
  };
  roots.forEach(visit);
  return [...seen];
}

/**
 * Records whose sent form differs from the received one: a field has a default, or a record
 * inside does (through arrays, maps and unions). Grown to a fixpoint, since records may be cyclic.
 */
function recordsNeedingInput(named: NamedSchema[]): Set<RecordSchema> {
  const records = named.filter((t): t is RecordSchema => t.type === 'record' || t.type === 'error');
  const needs = new Set(records.filter((r) => r.fields.some((f) => f.hasDefault)));
  const reaches = (schema: Schema): boolean => {
    switch (schema.type) {
      case 'record':
      case 'error':
        return needs.has(schema);
      case 'array':
        return reaches(schema.items);
      case 'map':
        return reaches(schema.values);
      case 'union':
        return schema.types.some(reaches);
      default:
        return false;
    }
  };
  for (let grew = true; grew; ) {
    grew = false;
    for (const record of records) {
      if (!needs.has(record) && record.fields.some((f) => reaches(f.type))) {
        needs.add(record);
        grew = true;
      }
    }
  }
  return needs;
}
