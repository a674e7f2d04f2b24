/**
 * Canonical form of Avro protocol/schema JSON for semantic comparison: every name made full,
 * every named type defined once in a map (so the order of types and where a type is first
 * inlined do not matter), `{"type": "string"}` folded to `"string"`.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

function full(name: string, namespace: string | undefined): string {
  if (name.includes('.') || PRIMITIVES.has(name)) return name;
  return namespace ? `${namespace}.${name}` : name;
}

class Normalizer {
  readonly types: Record<string, Json> = {};

  schema(schema: Json, namespace: string | undefined): Json {
    if (typeof schema === 'string') return full(schema, namespace);
    if (Array.isArray(schema)) return schema.map((s) => this.schema(s, namespace));
    const obj = schema as Obj;
    const type = obj.type as string;
    if (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed') {
      const rawName = obj.name as string;
      const ns = rawName.includes('.') ? rawName.slice(0, rawName.lastIndexOf('.')) : obj.namespace !== undefined ? (obj.namespace as string) || undefined : namespace;
      const fullName = full(rawName.slice(rawName.lastIndexOf('.') + 1), ns);
      const out: Obj = {};
      for (const [key, value] of Object.entries(obj)) {
        if (key === 'namespace' || key === 'name') continue;
        if (key === 'fields') out.fields = (value as Obj[]).map((f) => this.field(f, ns));
        else if (key === 'aliases') out.aliases = (value as string[]).map((a) => full(a, ns));
        else out[key] = value;
      }
      this.types[fullName] = out;
      return fullName;
    }
    if (type === 'array') return { ...obj, items: this.schema(obj.items, namespace) };
    if (type === 'map') return { ...obj, values: this.schema(obj.values, namespace) };
    if (typeof type === 'object' || Array.isArray(type)) return this.schema(type, namespace);
    if (Object.keys(obj).length === 1) return type;
    return obj;
  }

  field(field: Obj, namespace: string | undefined): Json {
    return { ...field, type: this.schema(field.type, namespace) };
  }
}

export function normalizeAvro(json: Json): Json {
  const n = new Normalizer();
  if (json !== null && typeof json === 'object' && !Array.isArray(json) && 'protocol' in json) {
    const p = json as Obj;
    const name = p.protocol as string;
    const ns = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : (p.namespace as string | undefined) || undefined;
    for (const t of (p.types as Json[]) ?? []) n.schema(t, ns);
    const messages: Obj = {};
    for (const [mName, m] of Object.entries((p.messages as Obj) ?? {})) {
      const msg = m as Obj;
      const out: Obj = { ...msg, request: (msg.request as Obj[]).map((f) => n.field(f, ns)), response: n.schema(msg.response, ns) };
      if (msg.errors) out.errors = (msg.errors as Json[]).map((e) => n.schema(e, ns));
      messages[mName] = out;
    }
    const rest: Obj = {};
    for (const [key, value] of Object.entries(p)) if (!['protocol', 'namespace', 'types', 'messages'].includes(key)) rest[key] = value;
    return { protocol: full(name.slice(name.lastIndexOf('.') + 1), ns), ...rest, types: n.types, messages };
  }
  const root = n.schema(json, undefined);
  return { root, types: n.types };
}
