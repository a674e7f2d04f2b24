/**
 * A valid example value for any schema: the skeleton the studio's request composer and
 * `spl call` start from.
 *
 * The rule:
 *
 * - A record field with a default gets its default (`defaultToRuntime`: a union default is a
 *   value of its first branch). A default that does not convert (one Java accepts but the
 *   specification does not, such as a union default of a later branch) is passed over and the
 *   field gets an example like a field without default.
 * - Otherwise each type gets a plain value: `null`, `false`, `0` (int, long, float, double),
 *   `""`, empty bytes, a fixed of zero bytes, the first enum symbol, `[]`, `{}`. Logical types
 *   get a value that is valid for them too: `uuid` the nil UUID, a bytes `decimal` the one
 *   byte 0 (zero; empty bytes are not a decimal); the others are fine with zeros.
 * - A union takes its first non-null branch, so the skeleton shows the structure, except that
 *   recursion stops: a branch that would enter a record already being built (on the way from
 *   the top) is passed over, and so is one that cannot be built without that. The union then
 *   takes the next branch that can be built, so `null`, an empty array or an empty map wherever
 *   the schema offers one. Each recursive record is thus shown once on every path.
 * - Breadth is bounded too: after `EXAMPLE_RECORD_BUDGET` records, unions prefer null, then any
 *   branch that is not a record, so a large graph of optional references stays small.
 *
 * A schema whose every value contains itself (a record with a required field of its own type
 * and no null, array or map on the way) has no finite value: `exampleValue` throws then.
 */
import { defaultToRuntime, setOwn, unionBranchName, type RuntimeObject, type RuntimeValue } from './avro-json.js';
import { describeSchema } from './describe.js';
import type { Field, RecordSchema, Schema, UnionSchema } from './model.js';
import { logicalTypeOf } from './model.js';

/** How many records an example builds before its unions start preferring the smallest branch. */
export const EXAMPLE_RECORD_BUDGET = 200;

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Stands for "no finite value here without re-entering a record being built". */
const CANNOT = Symbol('cannot');
type Built = RuntimeValue | typeof CANNOT;

/** A valid example value of `schema` (see the rule above). Every call returns new objects. */
export function exampleValue(schema: Schema): RuntimeValue {
  const value = new Builder().build(schema);
  if (value === CANNOT) {
    throw new Error(`${describeSchema(schema)} has no finite value: every value of it contains another value of the same record, through fields without defaults and with no null, array or map branch on the way`);
  }
  return value;
}

class Builder {
  /** Records on the way from the top to where the builder stands. */
  private readonly building = new Set<RecordSchema>();
  private records = 0;

  build(schema: Schema): Built {
    switch (schema.type) {
      case 'null':
        return null;
      case 'boolean':
        return false;
      case 'int':
      case 'long':
      case 'float':
      case 'double':
        return 0;
      case 'string':
        return logicalTypeOf(schema) === 'uuid' ? NIL_UUID : '';
      case 'bytes':
        return logicalTypeOf(schema) === 'decimal' ? new Uint8Array(1) : new Uint8Array(0);
      case 'fixed':
        return new Uint8Array(schema.size);
      case 'enum':
        return schema.symbols[0];
      case 'array':
        return [];
      case 'map':
        return {};
      case 'record':
      case 'error':
        return this.record(schema);
      case 'union':
        return this.union(schema);
    }
  }

  private record(schema: RecordSchema): Built {
    if (this.building.has(schema)) return CANNOT;
    this.building.add(schema);
    this.records++;
    const out: RuntimeObject = {};
    for (const field of schema.fields) {
      let value = fieldDefault(field);
      if (value === CANNOT) value = this.build(field.type);
      if (value === CANNOT) {
        this.building.delete(schema);
        return CANNOT;
      }
      setOwn(out, field.name, value);
    }
    this.building.delete(schema);
    return out;
  }

  private union(schema: UnionSchema): Built {
    for (const branch of this.order(schema)) {
      const value = this.build(branch);
      if (value === CANNOT) continue;
      if (branch.type === 'null') return null;
      const out: RuntimeObject = {};
      setOwn(out, unionBranchName(branch), value);
      return out;
    }
    return CANNOT;
  }

  /** The order in which to try a union's branches. */
  private order(schema: UnionSchema): Schema[] {
    if (this.records < EXAMPLE_RECORD_BUDGET) {
      // Non-null branches first, in declared order; null when they all recurse.
      return [...schema.types.filter((t) => t.type !== 'null'), ...schema.types.filter((t) => t.type === 'null')];
    }
    const rank = (t: Schema): number => (t.type === 'null' ? 0 : t.type === 'record' || t.type === 'error' ? 2 : 1);
    return [...schema.types].sort((a, b) => rank(a) - rank(b));
  }
}

function fieldDefault(field: Field): Built {
  if (!field.hasDefault || field.default === undefined) return CANNOT;
  try {
    return defaultToRuntime(field.type, field.default);
  } catch {
    return CANNOT;
  }
}
