/**
 * Model to Avro JSON, laid out as Apache Avro 1.12's Java writer does: a named type is written
 * in full where it first appears and by name afterwards; names and namespaces are written
 * relative to the enclosing namespace; attributes come in Java's order.
 */
import type { Field, JsonValue, Message, NamedSchema, Props, Protocol, Schema } from './model.js';
import { isNamed } from './model.js';

type JsonObject = { [key: string]: JsonValue };

/** Tracks which named types were written already, and the enclosing namespace. */
class Names {
  readonly written = new Set<NamedSchema>();
}

function qualified(fullName: string, namespace: string | undefined, enclosing: string | undefined): string {
  if (namespace === undefined || namespace === enclosing) return fullName.slice(fullName.lastIndexOf('.') + 1);
  return fullName;
}

function addProps(target: JsonObject, props: Props): void {
  for (const [key, value] of Object.entries(props)) target[key] = value;
}

function writeAliases(target: JsonObject, aliases: string[], namespace: string | undefined): void {
  if (aliases.length === 0) return;
  target.aliases = aliases.map((alias) => {
    const dot = alias.lastIndexOf('.');
    const aliasNamespace = dot < 0 ? undefined : alias.slice(0, dot);
    return aliasNamespace === namespace ? alias.slice(dot + 1) : alias;
  });
}

function writeField(field: Field, names: Names, enclosing: string | undefined): JsonObject {
  const out: JsonObject = { name: field.name, type: writeSchema(field.type, names, enclosing) };
  if (field.doc !== undefined) out.doc = field.doc;
  if (field.hasDefault) out.default = field.default ?? null;
  if (field.order !== 'ascending') out.order = field.order;
  addProps(out, field.props);
  if (field.aliases.length > 0) out.aliases = [...field.aliases];
  return out;
}

function writeNamed(schema: NamedSchema, names: Names, enclosing: string | undefined): JsonValue {
  if (names.written.has(schema)) return qualified(schema.fullName, schema.namespace, enclosing);
  names.written.add(schema);
  const out: JsonObject = { type: schema.type, name: schema.name };
  if (schema.namespace !== enclosing) out.namespace = schema.namespace ?? '';
  if (schema.doc !== undefined) out.doc = schema.doc;
  const inner = schema.namespace;
  switch (schema.type) {
    case 'record':
    case 'error':
      out.fields = schema.fields.map((f) => writeField(f, names, inner));
      break;
    case 'enum':
      out.symbols = [...schema.symbols];
      if (schema.default !== undefined) out.default = schema.default;
      break;
    case 'fixed':
      out.size = schema.size;
      break;
  }
  addProps(out, schema.props);
  writeAliases(out, schema.aliases, schema.namespace);
  return out;
}

function writeSchema(schema: Schema, names: Names, enclosing: string | undefined): JsonValue {
  if (isNamed(schema)) return writeNamed(schema, names, enclosing);
  switch (schema.type) {
    case 'union':
      return schema.types.map((t) => writeSchema(t, names, enclosing));
    case 'array': {
      const out: JsonObject = { type: 'array', items: writeSchema(schema.items, names, enclosing) };
      addProps(out, schema.props);
      return out;
    }
    case 'map': {
      const out: JsonObject = { type: 'map', values: writeSchema(schema.values, names, enclosing) };
      addProps(out, schema.props);
      return out;
    }
    default: {
      if (Object.keys(schema.props).length === 0) return schema.type;
      const out: JsonObject = { type: schema.type };
      addProps(out, schema.props);
      return out;
    }
  }
}

function writeMessage(message: Message, names: Names, namespace: string | undefined): JsonObject {
  const out: JsonObject = {};
  if (message.doc !== undefined) out.doc = message.doc;
  addProps(out, message.props);
  out.request = message.request.map((f) => writeField(f, names, namespace));
  out.response = writeSchema(message.response, names, namespace);
  if (message.oneWay) out['one-way'] = true;
  else if (message.errors.length > 0) out.errors = message.errors.map((e) => writeSchema(e, names, namespace));
  return out;
}

/** A schema as Avro JSON (an `.avsc` document). */
export function schemaToJson(schema: Schema, enclosingNamespace?: string): JsonValue {
  return writeSchema(schema, new Names(), enclosingNamespace);
}

/** Several schemas as one JSON array, each named type written in full once. */
export function schemasToJson(schemas: Schema[]): JsonValue {
  const names = new Names();
  return schemas.map((s) => writeSchema(s, names, undefined));
}

/** A protocol as Avro JSON (an `.avpr` document). */
export function protocolToJson(protocol: Protocol): JsonValue {
  const names = new Names();
  const out: JsonObject = { protocol: protocol.protocol };
  if (protocol.namespace !== undefined) out.namespace = protocol.namespace;
  if (protocol.doc !== undefined) out.doc = protocol.doc;
  addProps(out, protocol.props);
  // A type already written inline inside an earlier one is not listed again (as Java does).
  const types: JsonValue[] = [];
  for (const type of protocol.types) if (!names.written.has(type)) types.push(writeNamed(type, names, protocol.namespace));
  out.types = types;
  const messages: JsonObject = {};
  for (const message of protocol.messages) messages[message.name] = writeMessage(message, names, protocol.namespace);
  out.messages = messages;
  return out;
}
