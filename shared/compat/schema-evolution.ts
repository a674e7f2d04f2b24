/**
 * Schema evolution between two versions of a schema (or of a set of named schemas, as in an
 * `.avsc` file that lists several): backward (the new schema reads old data) and forward (the
 * old schema reads new data), reported per type.
 */
import { shortName } from '../avro/describe.js';
import { isNamed, type NamedSchema, type Schema } from '../avro/model.js';
import { relevant, type CompatibilityMode, type Incompatibility, type SchemaCompatibility, type SchemaCompatibilityReport } from './report.js';
import { checkSchemaCompatibility } from './schema-compatibility.js';

export interface SchemaEvolutionOptions {
  /** Which directions must work (default `full`: both). */
  mode?: CompatibilityMode;
}

/** Compares one schema's two versions. */
export function checkSchemaEvolution(oldSchema: Schema, newSchema: Schema, options: SchemaEvolutionOptions = {}): SchemaCompatibilityReport {
  const mode = options.mode ?? 'full';
  const nameOf = (schema: Schema) => (isNamed(schema) ? schema.fullName : shortName(schema));
  const name = nameOf(oldSchema) === nameOf(newSchema) ? nameOf(newSchema) : `${nameOf(oldSchema)} → ${nameOf(newSchema)}`;
  return report(mode, [compare(mode, name, oldSchema, newSchema)]);
}

/**
 * Compares two sets of named schemas, pairing types by full name, then by unqualified name,
 * then by a new type's alias naming the old one (a rename). A type only in the old set is
 * `removed` (new readers cannot read its old data); one only in the new set is `added` (old
 * readers cannot read its data).
 */
export function checkSchemaSetEvolution(oldSchemas: NamedSchema[], newSchemas: NamedSchema[], options: SchemaEvolutionOptions = {}): SchemaCompatibilityReport {
  const mode = options.mode ?? 'full';
  const unpaired = new Set(newSchemas);
  const entries: SchemaCompatibility[] = [];
  const pair = (test: (o: NamedSchema, n: NamedSchema) => boolean, o: NamedSchema) => {
    const found = [...unpaired].find((n) => test(o, n));
    if (found) unpaired.delete(found);
    return found;
  };
  const pairs = new Map<NamedSchema, NamedSchema | undefined>(oldSchemas.map((o) => [o, pair((a, b) => a.fullName === b.fullName, o)]));
  for (const o of oldSchemas) if (!pairs.get(o)) pairs.set(o, pair((a, b) => a.name === b.name, o));
  for (const o of oldSchemas) if (!pairs.get(o)) pairs.set(o, pair((a, b) => b.aliases.includes(a.fullName), o));

  for (const [o, n] of pairs) {
    if (n) entries.push(compare(mode, n.fullName === o.fullName ? o.fullName : `${o.fullName} → ${n.fullName}`, o, n));
    else {
      entries.push({
        name: o.fullName,
        status: 'removed',
        backward: [{ path: '', message: `${o.type} ${o.fullName} was removed: data written with it cannot be read with the new schemas` }],
        forward: [],
      });
    }
  }
  for (const n of newSchemas) {
    if (!unpaired.has(n)) continue;
    entries.push({
      name: n.fullName,
      status: 'added',
      backward: [],
      forward: [{ path: '', message: `${n.type} ${n.fullName} is new: data written with it cannot be read with the old schemas` }],
    });
  }
  return report(mode, entries);
}

function compare(mode: CompatibilityMode, name: string, oldSchema: Schema, newSchema: Schema): SchemaCompatibility {
  const backward = checkSchemaCompatibility(newSchema, oldSchema, { labels: { reader: 'new', writer: 'old' } });
  const forward = checkSchemaCompatibility(oldSchema, newSchema, { labels: { reader: 'old', writer: 'new' } });
  return { name, status: statusOf(mode, backward, forward), backward, forward };
}

function statusOf(mode: CompatibilityMode, backward: Incompatibility[], forward: Incompatibility[]): 'compatible' | 'incompatible' {
  return relevant(mode, backward, forward).length === 0 ? 'compatible' : 'incompatible';
}

function report(mode: CompatibilityMode, schemas: SchemaCompatibility[]): SchemaCompatibilityReport {
  return { kind: 'schema', mode, schemas, compatible: schemas.every((s) => relevant(mode, s.backward, s.forward).length === 0) };
}
