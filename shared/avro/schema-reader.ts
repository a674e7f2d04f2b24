/**
 * Reads Avro JSON (`.avsc` schemas, `.avpr` protocols) into the shared model, with the rules of
 * the Avro 1.12 specification and Java's parser: namespaces inherited from the enclosing named
 * type, references by name (forward ones too), aliases made full, every unknown attribute kept as
 * a property in order, defaults checked. Every error names the file, the JSON path
 * (`fields[2].type`) and, through the position, the line and column.
 */
import { checkDefault } from './default-value.js';
import { describeSchema, shortName } from './describe.js';
import { childPath, JsonSyntaxError, parseLocatedJson, type TextRange } from './located-json.js';
import {
  isNamed,
  isPrimitiveName,
  primitive,
  type EnumSchema,
  type Field,
  type FieldOrder,
  type FixedSchema,
  type JsonValue,
  type Message,
  type NamedSchema,
  type Props,
  type Protocol,
  type RecordSchema,
  type Schema,
  type UnionSchema,
} from './model.js';
import { fullNameProblem, nameProblem, splitFullName } from './names.js';
import { sameDefinition } from './same-definition.js';

/** A problem in a schema or protocol file, located by JSON path and (when known) text offset. */
export interface SchemaReadProblem {
  file: string;
  /** JSON path of the offending value (`fields[2].type`); `''` for the whole document. */
  path: string;
  /** Character offset into the text, when known. */
  offset?: number;
  /** 1-based line and column of `offset`. */
  line?: number;
  column?: number;
  /** The problem alone, without the location. */
  detail: string;
  /** `file:line:col: path: detail`, ready to print. */
  message: string;
}

export class SchemaReadError extends Error implements SchemaReadProblem {
  readonly file: string;
  readonly path: string;
  readonly offset?: number;
  readonly line?: number;
  readonly column?: number;
  readonly detail: string;

  constructor(problem: Omit<SchemaReadProblem, 'message'> & { message?: string }) {
    super(problem.message ?? formatProblem(problem));
    this.name = 'SchemaReadError';
    this.file = problem.file;
    this.path = problem.path;
    this.offset = problem.offset;
    this.line = problem.line;
    this.column = problem.column;
    this.detail = problem.detail;
  }
}

export interface ReadOptions {
  /** The file name to put in messages and origins. */
  file: string;
  /**
   * Named types already known by full name (from earlier files, or pre-registered by the
   * caller); the types this text defines are added to it when reading succeeds.
   */
  names?: Map<string, NamedSchema>;
  /** Called for each warning (e.g. a default that Java accepts but avsc rejects). */
  onWarning?: (warning: SchemaReadProblem) => void;
}

export interface SchemaReadOptions extends ReadOptions {
  /** The namespace in scope for names without one (default: the null namespace). */
  namespace?: string;
}

export interface SchemaReadResult {
  /** The schema the text denotes; a top-level JSON array is a union. */
  schema: Schema;
  /**
   * The named types this text defines, in the order Java registers them: a named type comes
   * after the named types defined inside it (as Java's `Protocol.getTypes()` lists them).
   */
  defined: NamedSchema[];
  /**
   * When the text is a JSON array whose items are all named types (the form Java's tools write
   * for a file of several schemas): those types, in order.
   */
  list?: NamedSchema[];
}

/** Reads an `.avsc` document: one schema, or a JSON array of schemas. */
export function readSchemaJson(text: string, options: SchemaReadOptions): SchemaReadResult {
  const reader = new Reader(text, options);
  const root = reader.document();
  const top: { schema: Schema } = { schema: primitive('null') };
  reader.type(root, '', options.namespace === '' ? undefined : options.namespace, (s) => (top.schema = s));
  reader.finish();
  const schema = top.schema;
  const list = schema.type === 'union' && schema.types.length > 0 && schema.types.every(isNamed) ? (schema.types as NamedSchema[]) : undefined;
  return { schema, defined: reader.defined, ...(list ? { list } : {}) };
}

/** Reads an `.avpr` document into a protocol. */
export function readProtocolJson(text: string, options: ReadOptions): Protocol {
  const reader = new Reader(text, options);
  const protocol = reader.protocol(reader.document());
  reader.finish();
  protocol.types = reader.defined;
  return protocol;
}

function formatProblem(p: Omit<SchemaReadProblem, 'message'>): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column}` : p.file;
  return `${where}: ${p.path === '' ? '' : `${p.path}: `}${p.detail}`;
}

type JsonObject = { [key: string]: JsonValue };
type Assign = (schema: Schema) => void;

/** Attributes with a meaning in each construct; everything else becomes a property (as in Java). */
const SCHEMA_RESERVED = new Set(['doc', 'fields', 'items', 'name', 'namespace', 'size', 'symbols', 'values', 'type', 'aliases']);
const ENUM_RESERVED = new Set([...SCHEMA_RESERVED, 'default']);
const FIELD_RESERVED = new Set(['default', 'doc', 'name', 'order', 'type', 'aliases']);
// Java keeps a request parameter's `order` as a property: parameters are always ascending.
const PARAM_RESERVED = new Set(['default', 'doc', 'name', 'type', 'aliases']);
const MESSAGE_RESERVED = new Set(['doc', 'response', 'request', 'errors', 'one-way']);
const PROTOCOL_RESERVED = new Set(['namespace', 'protocol', 'doc', 'messages', 'types', 'errors']);

const COMPLEX_KEYWORDS = new Set(['record', 'error', 'enum', 'fixed', 'array', 'map']);
const ORDERS: readonly FieldOrder[] = ['ascending', 'descending', 'ignore'];

/** Stands in for a schema until a reference resolves; never visible after `finish()`. */
const PENDING: Schema = Object.freeze({ type: 'null', props: Object.freeze({}) }) as Schema;

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonKind(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'bigint') return 'a number';
  return `a ${typeof value}`;
}

function has(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

class Reader {
  /** Types defined by this text, committed to the caller's map only when reading succeeds. */
  readonly defined: NamedSchema[] = [];
  private readonly local = new Map<string, NamedSchema>();
  /** Full names whose definition has begun but not ended: references to them wait for it. */
  private readonly opening = new Set<string>();
  private readonly known: Map<string, NamedSchema>;
  private readonly file: string;
  private ranges = new Map<string, TextRange>();
  /** References to names not defined yet, resolved at the end (forward references). */
  private readonly forward: { name: string; candidates: string[]; path: string; assign: Assign }[] = [];
  /** Checks that need every reference resolved (defaults, unions, error types), in text order. */
  private readonly deferred: (() => void)[] = [];

  constructor(
    private readonly text: string,
    private readonly options: ReadOptions,
  ) {
    this.file = options.file;
    this.known = options.names ?? new Map();
  }

  document(): JsonValue {
    try {
      const parsed = parseLocatedJson(this.text);
      this.ranges = parsed.ranges;
      return parsed.value;
    } catch (error) {
      if (error instanceof JsonSyntaxError) throw this.error('', `invalid JSON: ${error.message}`, error.offset);
      throw error;
    }
  }

  /** Resolves forward references, runs the deferred checks and commits the new names. */
  finish(): void {
    for (const ref of this.forward) {
      const found = this.lookup(ref.candidates);
      if (!found) throw this.unknownType(ref.name, ref.candidates, ref.path);
      ref.assign(found);
    }
    for (const check of this.deferred) check();
    for (const [name, schema] of this.local) this.known.set(name, schema);
  }

  // ---- errors -------------------------------------------------------------------------------

  /** A problem at `path` (or at `offset` when given), with its line and column. */
  private locate(path: string, detail: string, offset = this.ranges.get(path)?.start): SchemaReadProblem {
    const problem: Omit<SchemaReadProblem, 'message'> = { file: this.file, path, detail };
    if (offset !== undefined) {
      const before = this.text.slice(0, offset);
      problem.offset = offset;
      problem.line = before.split(/\r\n|\r|\n/).length;
      problem.column = offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
    }
    return { ...problem, message: formatProblem(problem) };
  }

  private error(path: string, detail: string, offset?: number): SchemaReadError {
    return new SchemaReadError(this.locate(path, detail, offset));
  }

  private fail(path: string, detail: string): never {
    throw this.error(path, detail);
  }

  private warn(path: string, detail: string): void {
    this.options.onWarning?.(this.locate(path, detail));
  }

  private unknownType(name: string, candidates: string[], path: string): SchemaReadError {
    const looked = candidates.length > 1 ? ` (looked for ${candidates.map((c) => `'${c}'`).join(' and ')})` : '';
    const simple = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
    const similar = [...this.known.keys(), ...this.local.keys()].filter((n) => n.slice(n.lastIndexOf('.') + 1).toLowerCase() === simple);
    const hint = similar.length > 0 ? `; did you mean ${similar.map((s) => `'${s}'`).join(' or ')}?` : '; define it before use or import the file that defines it';
    return this.error(path, `unknown type '${name}'${looked}${hint}`);
  }

  // ---- attributes ---------------------------------------------------------------------------

  private optionalString(node: JsonObject, key: string, path: string): string | undefined {
    if (!has(node, key)) return undefined;
    const value = node[key];
    if (typeof value !== 'string') this.fail(childPath(path, key), `'${key}' must be a string, got ${jsonKind(value)}`);
    return value;
  }

  private requiredString(node: JsonObject, key: string, path: string, what: string): string {
    if (!has(node, key)) this.fail(path, `${what} has no '${key}'`);
    return this.optionalString(node, key, path) as string;
  }

  /** Unknown attributes in text order (except that JavaScript objects list integer-like keys first). */
  private props(node: JsonObject, reserved: Set<string>): Props {
    const props: Props = {};
    for (const [key, value] of Object.entries(node)) {
      if (reserved.has(key)) continue;
      if (key === '__proto__') Object.defineProperty(props, key, { value, enumerable: true, writable: true, configurable: true });
      else props[key] = value;
    }
    return props;
  }

  private aliases(node: JsonObject, path: string, namespace: string | undefined, full: boolean): string[] {
    if (!has(node, 'aliases')) return [];
    const aliasesPath = childPath(path, 'aliases');
    const value = node.aliases;
    if (!Array.isArray(value)) this.fail(aliasesPath, `'aliases' must be an array of names, got ${jsonKind(value)}`);
    const result: string[] = [];
    value.forEach((alias, i) => {
      const aliasPath = childPath(aliasesPath, i);
      if (typeof alias !== 'string') this.fail(aliasPath, `an alias must be a string, got ${jsonKind(alias)}`);
      if (!full) {
        if (!result.includes(alias)) result.push(alias);
        return;
      }
      // Type aliases are names like the type's own: relative to its namespace unless dotted.
      const split = splitFullName(alias, namespace);
      const problem = nameProblem(split.name, 'alias');
      if (problem) this.fail(aliasPath, problem);
      if (!result.includes(split.fullName)) result.push(split.fullName);
    });
    return result;
  }

  // ---- schemas ------------------------------------------------------------------------------

  /** Reads the schema at `path`, handing it to `assign` now or, for a forward reference, later. */
  type(node: JsonValue, path: string, namespace: string | undefined, assign: Assign): void {
    if (typeof node === 'string') return this.reference(node, path, namespace, assign);
    if (Array.isArray(node)) return assign(this.union(node, path, namespace));
    if (!isObject(node)) this.fail(path, `expected a schema (a type name, an object or an array for a union), got ${jsonKind(node)}`);
    if (!has(node, 'type')) this.fail(path, `a schema object needs a 'type'`);
    const type = node.type;
    const typePath = childPath(path, 'type');
    if (typeof type !== 'string') {
      const hint = Array.isArray(type) ? `; write a union directly as the array, not inside {"type": ...}` : '';
      this.fail(typePath, `'type' must be a type name, got ${jsonKind(type)}${hint}`);
    }
    if (isPrimitiveName(type)) return assign(primitive(type, this.props(node, SCHEMA_RESERVED)));
    switch (type) {
      case 'record':
      case 'error':
        return this.record(node, path, namespace, type, assign);
      case 'enum':
        return this.enumType(node, path, namespace, assign);
      case 'fixed':
        return this.fixed(node, path, namespace, assign);
      case 'array': {
        if (!has(node, 'items')) this.fail(path, `an array schema needs 'items'`);
        const schema: Schema = { type: 'array', items: PENDING, props: this.props(node, SCHEMA_RESERVED) };
        this.type(node.items, childPath(path, 'items'), namespace, (s) => (schema.items = s));
        return assign(schema);
      }
      case 'map': {
        if (!has(node, 'values')) this.fail(path, `a map schema needs 'values'`);
        const schema: Schema = { type: 'map', values: PENDING, props: this.props(node, SCHEMA_RESERVED) };
        this.type(node.values, childPath(path, 'values'), namespace, (s) => (schema.values = s));
        return assign(schema);
      }
      default:
        // `{"type": "Foo"}` refers to Foo, as in Java (its other attributes are ignored).
        return this.reference(type, typePath, namespace, assign);
    }
  }

  private reference(name: string, path: string, namespace: string | undefined, assign: Assign): void {
    if (isPrimitiveName(name)) return assign(primitive(name));
    if (COMPLEX_KEYWORDS.has(name)) {
      const needs = { record: 'fields', error: 'fields', enum: 'symbols', fixed: 'size', array: 'items', map: 'values' }[name];
      this.fail(path, `'${name}' is not a type name; write an object: {"type": "${name}", "${needs}": ...}`);
    }
    // Java looks a short name up in the namespace in scope first, then in the null namespace.
    const candidates = name.includes('.') || namespace === undefined ? [name] : [`${namespace}.${name}`, name];
    for (const candidate of candidates) {
      const found = this.local.get(candidate) ?? this.known.get(candidate);
      if (found) return assign(found);
      // A reference inside a type's own definition (recursion) must not fall through to another namespace.
      if (this.opening.has(candidate)) {
        this.forward.push({ name, candidates: [candidate], path, assign });
        return;
      }
    }
    this.forward.push({ name, candidates, path, assign });
  }

  private lookup(candidates: string[]): NamedSchema | undefined {
    for (const candidate of candidates) {
      const found = this.local.get(candidate) ?? this.known.get(candidate);
      if (found) return found;
    }
    return undefined;
  }

  private union(nodes: JsonValue[], path: string, namespace: string | undefined): UnionSchema {
    const union: UnionSchema = { type: 'union', types: [] };
    nodes.forEach((node, i) => {
      const branchPath = childPath(path, i);
      if (Array.isArray(node)) this.fail(branchPath, 'a union may not directly contain another union');
      union.types.push(PENDING);
      this.type(node, branchPath, namespace, (s) => (union.types[i] = s));
    });
    // Branches must differ: by full name for named types, by type otherwise (Java: "Duplicate in union").
    this.deferred.push(() => {
      const seen = new Map<string, number>();
      union.types.forEach((branch, i) => {
        const key = isNamed(branch) ? branch.fullName : branch.type;
        const first = seen.get(key);
        if (first !== undefined) {
          this.fail(childPath(path, i), `the union already has ${isNamed(branch) ? `a branch named ${key}` : `a ${key} branch`} (branch ${first}); each type may appear once`);
        }
        seen.set(key, i);
      });
    });
    return union;
  }

  /** The name, namespace, doc and aliases every named type has; registers its start. */
  private namedBase(node: JsonObject, path: string, namespace: string | undefined, what: string) {
    const rawName = this.requiredString(node, 'name', path, `${what} definition`);
    const namePath = childPath(path, 'name');
    const explicitNamespace = has(node, 'namespace') && node.namespace !== null ? this.optionalString(node, 'namespace', path) : undefined;
    const split = splitFullName(rawName, explicitNamespace ?? namespace);
    const problem = nameProblem(split.name, `${what} name`);
    if (problem) this.fail(namePath, problem);
    if (split.namespace !== undefined) {
      const nsProblem = fullNameProblem(split.namespace, 'namespace');
      if (nsProblem) this.fail(rawName.includes('.') ? namePath : childPath(path, 'namespace'), nsProblem);
    }
    if (isPrimitiveName(split.fullName)) this.fail(namePath, `a named type may not be called '${split.fullName}', the name of a primitive type`);
    const doc = this.optionalString(node, 'doc', path);
    const aliases = this.aliases(node, path, split.namespace, true);
    const range = this.ranges.get(path);
    return {
      name: split.name,
      namespace: split.namespace,
      fullName: split.fullName,
      ...(doc !== undefined ? { doc } : {}),
      aliases,
      ...(range ? { origin: { file: this.file, start: range.start, end: range.end } } : {}),
    };
  }

  /**
   * Registers a finished named type. Java allows defining a name again only with an identical
   * definition, which then stands for the first; anything else is an error.
   */
  private define(schema: NamedSchema, path: string, assign: Assign): void {
    this.opening.delete(schema.fullName);
    const existing = this.local.get(schema.fullName) ?? this.known.get(schema.fullName);
    if (!existing) {
      this.local.set(schema.fullName, schema);
      this.defined.push(schema);
      return assign(schema);
    }
    assign(existing);
    this.deferred.push(() => {
      if (sameDefinition(existing, schema)) return;
      const where = existing.origin ? ` (first defined in ${existing.origin.file}${existing.origin.file === this.file ? ` at ${this.position(existing.origin.start)}` : ''})` : '';
      this.fail(childPath(path, 'name'), `duplicate definition of '${schema.fullName}'${where}; a name may be defined only once`);
    });
  }

  private position(offset: number): string {
    const before = this.text.slice(0, offset);
    const line = before.split(/\r\n|\r|\n/).length;
    return `line ${line}`;
  }

  private record(node: JsonObject, path: string, namespace: string | undefined, type: 'record' | 'error', assign: Assign): void {
    const base = this.namedBase(node, path, namespace, type);
    this.opening.add(base.fullName);
    if (!has(node, 'fields')) this.fail(path, `${type} ${base.name} has no 'fields'`);
    const fieldsNode = node.fields;
    const fieldsPath = childPath(path, 'fields');
    if (!Array.isArray(fieldsNode)) this.fail(fieldsPath, `'fields' must be an array, got ${jsonKind(fieldsNode)}`);
    const schema: RecordSchema = { type, ...base, fields: [], props: this.props(node, SCHEMA_RESERVED) };
    // Field types resolve in the record's own namespace, which nested definitions inherit.
    schema.fields = this.fields(fieldsNode, fieldsPath, base.namespace, FIELD_RESERVED, `${type} ${base.name}`);
    this.define(schema, path, assign);
  }

  private fields(nodes: JsonValue[], path: string, namespace: string | undefined, reserved: Set<string>, owner: string): Field[] {
    const fields: Field[] = [];
    const seen = new Map<string, number>();
    nodes.forEach((node, i) => {
      const fieldPath = childPath(path, i);
      if (!isObject(node)) this.fail(fieldPath, `a field must be an object with 'name' and 'type', got ${jsonKind(node)}`);
      const name = this.requiredString(node, 'name', fieldPath, 'field');
      const problem = nameProblem(name, 'field name');
      if (problem) this.fail(childPath(fieldPath, 'name'), problem);
      const first = seen.get(name);
      if (first !== undefined) this.fail(childPath(fieldPath, 'name'), `${owner} already has a field '${name}' (${childPath(path, first)})`);
      seen.set(name, i);
      if (!has(node, 'type')) this.fail(fieldPath, `field '${name}' has no 'type'`);
      const doc = this.optionalString(node, 'doc', fieldPath);
      let order: FieldOrder = 'ascending';
      if (reserved.has('order') && has(node, 'order')) {
        const value = node.order;
        if (typeof value !== 'string' || !ORDERS.includes(value.toLowerCase() as FieldOrder)) {
          this.fail(childPath(fieldPath, 'order'), `'order' must be "ascending", "descending" or "ignore", got ${typeof value === 'string' ? JSON.stringify(value) : jsonKind(value)}`);
        }
        order = value.toLowerCase() as FieldOrder;
      }
      const hasDefault = has(node, 'default');
      const range = this.ranges.get(fieldPath);
      const field: Field = {
        name,
        type: PENDING,
        ...(doc !== undefined ? { doc } : {}),
        ...(hasDefault ? { default: node.default } : {}),
        hasDefault,
        order,
        aliases: this.aliases(node, fieldPath, undefined, false),
        props: this.props(node, reserved),
        ...(range ? { origin: { file: this.file, start: range.start, end: range.end } } : {}),
      };
      this.type(node.type, childPath(fieldPath, 'type'), namespace, (s) => (field.type = s));
      if (hasDefault) this.deferred.push(() => this.checkFieldDefault(field, childPath(fieldPath, 'default')));
      fields.push(field);
    });
    return fields;
  }

  private checkFieldDefault(field: Field, path: string): void {
    for (const problem of checkDefault(field.type, field.default as JsonValue)) {
      // Point at the offending part of the default when it is nested.
      const at = problem.path === '' ? path : problem.path.startsWith('[') ? `${path}${problem.path}` : `${path}.${problem.path}`;
      const detail = `invalid default for field '${field.name}' (${describeSchema(field.type)}): ${problem.message}`;
      if (problem.severity === 'error') throw this.error(path, detail, this.ranges.get(at)?.start ?? this.ranges.get(path)?.start);
      this.warn(this.ranges.has(at) ? at : path, detail);
    }
  }

  private enumType(node: JsonObject, path: string, namespace: string | undefined, assign: Assign): void {
    const base = this.namedBase(node, path, namespace, 'enum');
    if (!has(node, 'symbols')) this.fail(path, `enum ${base.name} has no 'symbols'`);
    const symbolsPath = childPath(path, 'symbols');
    const symbolsNode = node.symbols;
    if (!Array.isArray(symbolsNode)) this.fail(symbolsPath, `'symbols' must be an array of names, got ${jsonKind(symbolsNode)}`);
    const symbols: string[] = [];
    symbolsNode.forEach((symbol, i) => {
      const symbolPath = childPath(symbolsPath, i);
      if (typeof symbol !== 'string') this.fail(symbolPath, `an enum symbol must be a string, got ${jsonKind(symbol)}`);
      const problem = nameProblem(symbol, 'enum symbol');
      if (problem) this.fail(symbolPath, problem);
      if (symbols.includes(symbol)) this.fail(symbolPath, `enum ${base.name} already has the symbol ${symbol} (symbols[${symbols.indexOf(symbol)}])`);
      symbols.push(symbol);
    });
    const schema: EnumSchema = { type: 'enum', ...base, symbols, props: this.props(node, ENUM_RESERVED) };
    const enumDefault = this.optionalString(node, 'default', path);
    if (enumDefault !== undefined) {
      if (!symbols.includes(enumDefault)) {
        this.fail(childPath(path, 'default'), `the default ${JSON.stringify(enumDefault)} of enum ${base.name} is not one of its symbols ${symbols.join(', ')}`);
      }
      schema.default = enumDefault;
    }
    this.define(schema, path, assign);
  }

  private fixed(node: JsonObject, path: string, namespace: string | undefined, assign: Assign): void {
    const base = this.namedBase(node, path, namespace, 'fixed');
    if (!has(node, 'size')) this.fail(path, `fixed ${base.name} has no 'size'`);
    const size = node.size;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > 2 ** 31 - 1) {
      this.fail(childPath(path, 'size'), `the size of fixed ${base.name} must be a whole number of bytes from 0 to 2147483647, got ${typeof size === 'number' || typeof size === 'bigint' ? String(size) : jsonKind(size)}`);
    }
    const schema: FixedSchema = { type: 'fixed', ...base, size, props: this.props(node, SCHEMA_RESERVED) };
    this.define(schema, path, assign);
  }

  // ---- protocols ----------------------------------------------------------------------------

  protocol(node: JsonValue): Protocol {
    if (!isObject(node)) this.fail('', `expected a protocol object with 'protocol', 'types' and 'messages', got ${jsonKind(node)}`);
    const rawName = this.requiredString(node, 'protocol', '', 'the protocol');
    const explicitNamespace = has(node, 'namespace') && node.namespace !== null ? this.optionalString(node, 'namespace', '') : undefined;
    const split = splitFullName(rawName, explicitNamespace);
    if (split.namespace !== undefined) {
      const problem = fullNameProblem(split.namespace, 'namespace');
      if (problem) this.fail(rawName.includes('.') ? 'protocol' : 'namespace', problem);
    }
    const doc = this.optionalString(node, 'doc', '');
    const protocol: Protocol = {
      protocol: split.name,
      namespace: split.namespace,
      ...(doc !== undefined ? { doc } : {}),
      props: this.props(node, PROTOCOL_RESERVED),
      types: [],
      messages: [],
    };
    // Types come first even when the text lists messages first, as in Java.
    if (has(node, 'types')) {
      const types = node.types;
      if (!Array.isArray(types)) this.fail('types', `'types' must be an array of named types, got ${jsonKind(types)}`);
      types.forEach((type, i) => {
        const typePath = childPath('types', i);
        if (!isObject(type) || !['record', 'error', 'enum', 'fixed'].includes(String(type.type))) {
          this.fail(typePath, `expected a named type definition (record, error, enum or fixed), got ${isObject(type) ? `a schema of type ${JSON.stringify(type.type)}` : jsonKind(type)}`);
        }
        this.type(type, typePath, split.namespace, () => undefined);
      });
    }
    if (has(node, 'messages')) {
      const messages = node.messages;
      if (!isObject(messages)) this.fail('messages', `'messages' must be an object from message name to message, got ${jsonKind(messages)}`);
      for (const [name, message] of Object.entries(messages)) {
        protocol.messages.push(this.message(name, message, childPath('messages', name), split.namespace));
      }
    }
    return protocol;
  }

  private message(name: string, node: JsonValue, path: string, namespace: string | undefined): Message {
    if (!isObject(node)) this.fail(path, `message '${name}' must be an object with 'request' and 'response', got ${jsonKind(node)}`);
    const doc = this.optionalString(node, 'doc', path);
    if (!has(node, 'request')) this.fail(path, `message '${name}' has no 'request' (use [] for no parameters)`);
    const requestPath = childPath(path, 'request');
    if (!Array.isArray(node.request)) this.fail(requestPath, `'request' must be an array of parameters, got ${jsonKind(node.request)}`);
    let oneWay = false;
    if (has(node, 'one-way')) {
      const value = node['one-way'];
      if (typeof value !== 'boolean') this.fail(childPath(path, 'one-way'), `'one-way' must be true or false, got ${jsonKind(value)}`);
      oneWay = value;
    }
    const range = this.ranges.get(path);
    const message: Message = {
      name,
      ...(doc !== undefined ? { doc } : {}),
      props: this.props(node, MESSAGE_RESERVED),
      request: this.fields(node.request, requestPath, namespace, PARAM_RESERVED, `message '${name}'`),
      response: primitive('null'),
      errors: [],
      oneWay,
      ...(range ? { origin: { file: this.file, start: range.start, end: range.end } } : {}),
    };
    const responsePath = childPath(path, 'response');
    if (has(node, 'response')) this.type(node.response, responsePath, namespace, (s) => (message.response = s));
    else if (!oneWay) this.fail(path, `message '${name}' has no 'response' (use "null" for none)`);
    if (oneWay) {
      if (has(node, 'errors')) this.fail(childPath(path, 'errors'), `one-way message '${name}' cannot declare errors: nobody receives them`);
      this.deferred.push(() => {
        if (message.response.type !== 'null') this.fail(responsePath, `one-way message '${name}' must have response "null", not ${describeSchema(message.response)}`);
      });
    } else if (has(node, 'errors')) {
      this.errors(node.errors, childPath(path, 'errors'), namespace, message);
    }
    return message;
  }

  private errors(node: JsonValue, path: string, namespace: string | undefined, message: Message): void {
    if (!Array.isArray(node)) this.fail(path, `'errors' must be an array of error type names, got ${jsonKind(node)}`);
    node.forEach((item, i) => {
      const errorPath = childPath(path, i);
      if (typeof item !== 'string') this.fail(errorPath, `expected the name of an error type, got ${jsonKind(item)}`);
      if (item === 'string') this.fail(errorPath, `'string' is the implicit system error of every message; do not declare it`);
      message.errors.push(PENDING);
      this.reference(item, errorPath, namespace, (s) => (message.errors[i] = s));
      this.deferred.push(() => {
        const schema = message.errors[i];
        if (schema.type !== 'error') this.fail(errorPath, `'${item}' is ${describeSchema(schema)}, not an error type; declare it with "type": "error"`);
        const first = message.errors.indexOf(schema);
        if (first < i) this.fail(errorPath, `error ${shortName(schema)} is declared twice (also errors[${first}])`);
      });
    });
  }
}
