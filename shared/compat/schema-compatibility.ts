/**
 * Avro schema resolution, as a static check: can data written with `writer` be read with
 * `reader`? Follows the "Schema Resolution" section of the Avro 1.12 specification, and Java's
 * `SchemaCompatibility` where the spec leaves room (named types match by unqualified name or a
 * reader alias; a reader union needs some branch that can read the writer's type).
 */
import { describeSchema, shortName } from '../avro/describe.js';
import { isNamed, type EnumSchema, type Field, type FixedSchema, type NamedSchema, type RecordSchema, type Schema } from '../avro/model.js';
import type { Incompatibility } from './report.js';

export interface CompatibilityOptions {
  /** The label the paths start with; default: the reader's name when it is named, else none. */
  root?: string;
  /** What to call the two sides in messages (default `reader` and `writer`; protocols use `old`/`new`). */
  labels?: { reader: string; writer: string };
}

/** Every reason `reader` cannot read data written with `writer`; empty when it can. */
export function checkSchemaCompatibility(reader: Schema, writer: Schema, options: CompatibilityOptions = {}): Incompatibility[] {
  const root = options.root ?? (isNamed(reader) ? reader.name : '');
  return atRoot(root, new CompatibilityChecker(options.labels).schemas(reader, writer));
}

/** Turns paths relative to a root (`.price`, `[]`, `(Card)`) into full ones (`Order.price`). */
export function atRoot(root: string, problems: Incompatibility[]): Incompatibility[] {
  return problems.map((p) => ({ path: joinPath(root, p.path), message: p.message }));
}

function joinPath(root: string, suffix: string): string {
  if (root === '' && suffix.startsWith('.')) return suffix.slice(1);
  return root + suffix;
}

/** Writer types each reader primitive accepts besides its own (the spec's promotions). */
const PROMOTIONS: Record<string, readonly string[]> = {
  long: ['int'],
  float: ['int', 'long'],
  double: ['int', 'long', 'float'],
  bytes: ['string'],
  string: ['bytes'],
};

/** Records and errors are the same kind of type (Java and avsc resolve one into the other). */
function kind(schema: Schema): string {
  return schema.type === 'error' ? 'record' : schema.type;
}

/**
 * A problem found, with its cause: the innermost pair of named types it was found in and the
 * path inside them. One cause met along several paths (a shared or recursive type) is reported
 * once, at the first path.
 */
interface Found extends Incompatibility {
  cause?: string;
}

interface Visit {
  /** Problems with paths relative to the pair being checked. */
  problems: Found[];
  /**
   * The shallowest in-progress pair this result assumed compatible (recursion), or Infinity.
   * Results that assumed nothing about pairs still being checked are final and cached.
   */
  low: number;
}

const NONE: Visit = Object.freeze({ problems: [], low: Infinity }) as Visit;

function prefixed(prefix: string, problems: Found[]): Found[] {
  return problems.map((p) => ({ ...p, path: prefix + p.path }));
}

/** Each cause once, at its first path, as plain incompatibilities. */
function distinct(problems: Found[]): Incompatibility[] {
  const seen = new Set<string>();
  const result: Incompatibility[] = [];
  for (const p of problems) {
    const cause = p.cause ?? `${p.path}\u0000${p.message}`;
    if (seen.has(cause)) continue;
    seen.add(cause);
    result.push({ path: p.path, message: p.message });
  }
  return result;
}

/**
 * One check's state. Recursive types make the reader/writer pair graph cyclic: a pair met again
 * while it is still being checked is assumed compatible (its real problems are reported where
 * it was first met), which is what terminates the walk. Finished pairs are memoized.
 */
export class CompatibilityChecker {
  private readonly R: string;
  private readonly W: string;
  private readonly inProgress = new Map<NamedSchema, Map<NamedSchema, number>>();
  private readonly done = new Map<NamedSchema, Map<NamedSchema, Found[]>>();
  private readonly ids = new Map<NamedSchema, number>();
  private depth = 0;

  constructor(labels: { reader: string; writer: string } = { reader: 'reader', writer: 'writer' }) {
    this.R = labels.reader;
    this.W = labels.writer;
  }

  /** Problems reading `writer` data as `reader`, with paths relative to them. */
  schemas(reader: Schema, writer: Schema): Incompatibility[] {
    return distinct(this.visit(reader, writer).problems);
  }

  /**
   * Problems reading a writer's fields as a reader's: the record rule, also used for a message's
   * request, whose parameters resolve like an anonymous record's fields.
   */
  fields(reader: Field[], writer: Field[], names: { reader: string; writer: string; item: string }): Incompatibility[] {
    return distinct(this.fieldsVisit(reader, writer, names).problems);
  }

  private visit(reader: Schema, writer: Schema): Visit {
    // A writer union may write any branch, so the reader must read every one of them.
    if (writer.type === 'union') return this.writerUnion(reader, writer.types);
    if (reader.type === 'union') return this.readerUnion(reader.types, reader, writer);
    if (kind(reader) !== kind(writer)) return this.mismatchUnlessPromoted(reader, writer);
    switch (reader.type) {
      case 'array':
        return this.nested('[]', reader.items, (writer as typeof reader).items);
      case 'map':
        return this.nested('{}', reader.values, (writer as typeof reader).values);
      case 'record':
      case 'error':
      case 'enum':
      case 'fixed':
        return this.named(reader, writer as NamedSchema);
      default:
        return NONE; // the same primitive
    }
  }

  private nested(segment: string, reader: Schema, writer: Schema): Visit {
    const inner = this.visit(reader, writer);
    return { problems: prefixed(segment, inner.problems), low: inner.low };
  }

  private mismatchUnlessPromoted(reader: Schema, writer: Schema): Visit {
    if (PROMOTIONS[reader.type]?.includes(writer.type)) return NONE;
    return { problems: [{ path: '', message: `${this.W} type ${describeSchema(writer)} cannot be read as ${this.R} type ${describeSchema(reader)}` }], low: Infinity };
  }

  private writerUnion(reader: Schema, branches: Schema[]): Visit {
    const problems: Found[] = [];
    let low = Infinity;
    for (const branch of branches) {
      const inner = this.visit(reader, branch);
      low = Math.min(low, inner.low);
      problems.push(...prefixed(`(${shortName(branch)})`, inner.problems));
    }
    return { problems, low };
  }

  private readerUnion(branches: Schema[], reader: Schema, writer: Schema): Visit {
    let low = Infinity;
    const tried: { branch: Schema; visit: Visit }[] = [];
    for (const branch of branches) {
      const visit = this.visit(branch, writer);
      low = Math.min(low, visit.low);
      if (visit.problems.length === 0) return { problems: [], low };
      tried.push({ branch, visit });
    }
    // No branch reads it. A branch of the same kind and name is surely the one meant: say why it fails.
    const meant = tried.find((t) => kind(t.branch) === kind(writer) && (!isNamed(t.branch) || this.namesMatch(t.branch, writer as NamedSchema)));
    if (meant) return { problems: meant.visit.problems, low };
    return {
      problems: [{ path: '', message: `${this.R} ${describeSchema(reader)} has no branch that can read ${this.W} type ${describeSchema(writer)}` }],
      low,
    };
  }

  /** Java 1.12: the unqualified names are equal, or a reader alias is the writer's full name. */
  private namesMatch(reader: NamedSchema, writer: NamedSchema): boolean {
    return reader.name === writer.name || reader.aliases.includes(writer.fullName);
  }

  private named(reader: NamedSchema, writer: NamedSchema): Visit {
    if (!this.namesMatch(reader, writer)) {
      const alias = reader.aliases.length > 0 ? `none of its aliases (${reader.aliases.join(', ')}) is` : `it has no alias`;
      return {
        problems: [{ path: '', message: `${this.R} ${describeSchema(reader)} cannot read ${this.W} ${describeSchema(writer)}: the names differ and ${alias} ${writer.fullName}` }],
        low: Infinity,
      };
    }
    const cached = this.done.get(reader)?.get(writer);
    if (cached) return { problems: cached, low: Infinity };
    const started = this.inProgress.get(reader)?.get(writer);
    if (started !== undefined) return { problems: [], low: started };

    const depth = this.depth++;
    let pairs = this.inProgress.get(reader);
    if (!pairs) this.inProgress.set(reader, (pairs = new Map()));
    pairs.set(writer, depth);
    let result: Visit;
    try {
      result = this.namedBody(reader, writer);
    } finally {
      pairs.delete(writer);
      this.depth--;
    }
    const pair = `${this.id(reader)}/${this.id(writer)}`;
    result = { problems: result.problems.map((p) => (p.cause ? p : { ...p, cause: `${pair}\u0000${p.path}\u0000${p.message}` })), low: result.low };
    if (result.low >= depth) {
      let finished = this.done.get(reader);
      if (!finished) this.done.set(reader, (finished = new Map()));
      finished.set(writer, result.problems);
      return { problems: result.problems, low: Infinity };
    }
    return result;
  }

  private id(schema: NamedSchema): number {
    let id = this.ids.get(schema);
    if (id === undefined) this.ids.set(schema, (id = this.ids.size));
    return id;
  }

  private namedBody(reader: NamedSchema, writer: NamedSchema): Visit {
    switch (reader.type) {
      case 'fixed':
        return this.fixed(reader, writer as FixedSchema);
      case 'enum':
        return this.enumSymbols(reader, writer as EnumSchema);
      default:
        return this.fieldsVisit(reader.fields, (writer as RecordSchema).fields, {
          reader: `${reader.type} ${reader.fullName}`,
          writer: `${writer.type} ${writer.fullName}`,
          item: 'field',
        });
    }
  }

  private fixed(reader: FixedSchema, writer: FixedSchema): Visit {
    if (reader.size === writer.size) return NONE;
    return {
      problems: [{ path: '', message: `${this.R} fixed ${reader.fullName} is ${reader.size} bytes but ${this.W} fixed ${writer.fullName} is ${writer.size} bytes` }],
      low: Infinity,
    };
  }

  private enumSymbols(reader: EnumSchema, writer: EnumSchema): Visit {
    const missing = writer.symbols.filter((s) => !reader.symbols.includes(s));
    // Symbols the reader lacks read as its default, when it has one (spec, and Java's check).
    if (missing.length === 0 || reader.default !== undefined) return NONE;
    const symbols = missing.length === 1 ? `symbol ${missing[0]}` : `symbols ${missing.join(', ')}`;
    return {
      problems: [{ path: '', message: `${this.W} enum ${writer.fullName} has the ${symbols} that ${this.R} enum ${reader.fullName} lacks, and ${this.R} has no default symbol to read ${missing.length === 1 ? 'it' : 'them'} as` }],
      low: Infinity,
    };
  }

  private fieldsVisit(reader: Field[], writer: Field[], names: { reader: string; writer: string; item: string }): Visit {
    const problems: Found[] = [];
    let low = Infinity;
    for (const field of reader) {
      const path = `.${field.name}`;
      // The writer's field of the same name, or one of the reader field's aliases.
      const matches = writer.filter((w) => w.name === field.name || field.aliases.includes(w.name));
      if (matches.length > 1) {
        // Java's checker and avsc both refuse this, even when reading a record with itself.
        const how = matches.map((m) => (m.name === field.name ? `${m.name} (by name)` : `${m.name} (by alias)`)).join(' and ');
        problems.push({
          path,
          message: `${this.R} ${names.item} '${field.name}' matches the ${this.W} ${names.item}s ${how}; Java and avsc refuse such an ambiguous alias when resolving, so remove the alias or rename the other ${names.item}`,
        });
      } else if (matches.length === 0) {
        // Writer fields the reader lacks are skipped; a reader field the writer lacks needs a default.
        if (!field.hasDefault) {
          const aliases = field.aliases.length > 0 ? ` nor one named as its aliases (${field.aliases.join(', ')})` : '';
          problems.push({
            path,
            message: `${this.R} ${names.item} '${field.name}' (${describeSchema(field.type)}) has no default, and the ${this.W} ${names.writer} has no ${names.item} '${field.name}'${aliases}`,
          });
        }
      } else {
        const inner = this.visit(field.type, matches[0].type);
        low = Math.min(low, inner.low);
        problems.push(...prefixed(path, inner.problems));
      }
    }
    return { problems, low };
  }
}
