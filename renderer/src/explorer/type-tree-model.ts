/**
 * The rows of a type tree, built from the schema model: records open onto their fields, arrays
 * and maps onto their items and values, unions onto their complex branches. Each named type is
 * shown in full once, where a depth-first walk meets it first; everywhere else (recursion
 * included) it is a reference to that row, so the tree is finite and small.
 */
import { shortName } from '../../../shared/avro/describe.js';
import { toJsonText } from '../../../shared/avro/json-text.js';
import { isNamed, logicalTypeOf, type JsonValue, type NamedSchema, type Schema } from '../../../shared/avro/model.js';

/** A root of the tree: a parameter, a response, a type. A `Field` is one. */
export interface TypeTreeItem {
  name: string;
  type: Schema;
  doc?: string;
  hasDefault?: boolean;
  default?: JsonValue;
}

export interface TypeNode {
  /** The path of child indexes from the roots: `0`, `0.2`, `0.2.1`. */
  id: string;
  depth: number;
  name: string;
  schema: Schema;
  /** What the type reads as: `record Order`, `array<Order>`, `long · timestamp-millis`. */
  typeText: string;
  doc?: string;
  /** The default, as compact JSON. */
  defaultText?: string;
  /** Enum symbols. */
  symbols?: string[];
  /** A named type shown in full at another row: that row's id. */
  refTo?: string;
  children: TypeNode[];
}

export function typeText(schema: Schema): string {
  const logical = logicalTypeOf(schema);
  let base: string;
  switch (schema.type) {
    case 'record':
    case 'error':
    case 'enum':
      base = `${schema.type} ${schema.name}`;
      break;
    case 'fixed':
      base = `fixed ${schema.name} (${schema.size} bytes)`;
      break;
    default:
      base = shortName(schema);
  }
  if (!logical || schema.type === 'union') return base;
  const props = schema.props;
  const detail = logical === 'decimal' && typeof props.precision === 'number' ? `(${props.precision}, ${typeof props.scale === 'number' ? props.scale : 0})` : '';
  return `${base} · ${logical}${detail}`;
}

const PRIMITIVE = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
/** Whether a schema has anything to open: primitives (logical or not) do not. */
const opens = (schema: Schema) => !PRIMITIVE.has(schema.type) && schema.type !== 'enum' && schema.type !== 'fixed';
const worthARow = (schema: Schema) => !PRIMITIVE.has(schema.type);

function childItems(schema: Schema): TypeTreeItem[] {
  switch (schema.type) {
    case 'record':
    case 'error':
      return schema.fields;
    case 'array':
      return worthARow(schema.items) ? [{ name: 'items', type: schema.items }] : [];
    case 'map':
      return worthARow(schema.values) ? [{ name: 'values', type: schema.values }] : [];
    case 'union':
      return schema.types.filter(worthARow).map((branch) => ({ name: '', type: branch }));
    default:
      return [];
  }
}

export function buildTypeTree(items: readonly TypeTreeItem[]): TypeNode[] {
  const homes = new Map<NamedSchema, string>();
  const build = (item: TypeTreeItem, id: string, depth: number): TypeNode => {
    const schema = item.type;
    const node: TypeNode = {
      id,
      depth,
      name: item.name,
      schema,
      typeText: typeText(schema),
      doc: item.doc,
      children: [],
    };
    if (item.hasDefault && item.default !== undefined) node.defaultText = toJsonText(item.default, 0);
    if (schema.type === 'enum') node.symbols = schema.symbols;
    if (isNamed(schema)) {
      const home = homes.get(schema);
      if (home !== undefined) {
        node.refTo = home;
        return node;
      }
      homes.set(schema, id);
      // Where a named type is shown in full, its own doc stands in for a missing field doc.
      node.doc ??= schema.doc;
    }
    if (opens(schema)) node.children = childItems(schema).map((child, i) => build(child, `${id}.${i}`, depth + 1));
    return node;
  };
  return items.map((item, i) => build(item, String(i), 0));
}

/** The rows shown when the rows in `expanded` are open. */
export function visibleTypeRows(roots: readonly TypeNode[], expanded: ReadonlySet<string>): TypeNode[] {
  const rows: TypeNode[] = [];
  const walk = (nodes: readonly TypeNode[]) => {
    for (const node of nodes) {
      rows.push(node);
      if (node.children.length > 0 && expanded.has(node.id)) walk(node.children);
    }
  };
  walk(roots);
  return rows;
}

/** The ids of a row's ancestors, nearest last: what must be open to show it. */
export function ancestorIds(id: string): string[] {
  const parts = id.split('.');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** The rows open at first: the roots and, when the tree is small, their children too. */
export function initiallyExpanded(roots: readonly TypeNode[], depth: number): Set<string> {
  const open = new Set<string>();
  const walk = (nodes: readonly TypeNode[]) => {
    for (const node of nodes) {
      if (node.depth >= depth || node.children.length === 0) continue;
      open.add(node.id);
      walk(node.children);
    }
  };
  walk(roots);
  return open;
}
