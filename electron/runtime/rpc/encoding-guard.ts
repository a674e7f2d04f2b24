/**
 * A bound check before avsc decodes: it walks a value's bytes without building anything, so a
 * message of ten bytes that claims 2^60 array items (which would make avsc loop or run out of
 * memory) is refused, with the byte offset, instead of read. Types without arrays or maps skip
 * the walk: avsc's reading of them is bounded by the type itself.
 */
import type avsc from 'avsc';
import { ProtocolViolation } from './errors.js';

/** Items of zero encoded size (nulls, empty records) one value may hold: beyond, it is an attack, not data. */
const MAX_EMPTY_ITEMS = 1_000_000;

class Unchecked extends Error {}

interface Cursor {
  buf: Buffer;
  pos: number;
  start: number;
  what: string;
  emptyItems: number;
}

/**
 * Walks the bytes of one value of `type` from `pos` without building it, and throws a
 * ProtocolViolation (naming `what` and the byte offset) where they run past the end or announce
 * more items than the bytes left could hold. Types it does not know are left to avsc.
 */
export function checkEncoding(type: avsc.Type, buf: Buffer, pos: number, what: string): void {
  // Without arrays or maps, avsc's reading is bounded by the type itself; an empty map is one byte.
  if (!hasBlocks(type) || (buf[pos] === 0 && isBlockType(type))) return;
  const cursor: Cursor = { buf, pos, start: pos, what, emptyItems: 0 };
  try {
    skipValue(type, cursor);
  } catch (error) {
    if (error instanceof ProtocolViolation) throw error;
    if (error instanceof Unchecked) return;
    if (error instanceof RangeError) throw new ProtocolViolation(`cannot read ${what} at byte ${pos}: it is nested too deeply`);
    throw error;
  }
}

function truncated(cursor: Cursor): ProtocolViolation {
  return new ProtocolViolation(`truncated message: ${cursor.what} at byte ${cursor.start} runs past the end (${cursor.buf.length} bytes)`);
}

function need(cursor: Cursor, bytes: number): void {
  if (bytes < 0 || cursor.pos + bytes > cursor.buf.length) throw truncated(cursor);
  cursor.pos += bytes;
}

/** A zigzag varint as a number (exact to 2^53, which is all a bound needs). */
function readVarint(cursor: Cursor): number {
  const { buf } = cursor;
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (cursor.pos >= buf.length) throw truncated(cursor);
    const b = buf[cursor.pos++];
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
    scale *= 128;
  }
  throw new ProtocolViolation(`cannot read ${cursor.what} at byte ${cursor.pos - 10}: a number runs over 10 bytes`);
}

interface TypeShape {
  typeName: string;
  size?: number;
  itemsType?: avsc.Type;
  valuesType?: avsc.Type;
  types?: avsc.Type[];
  fields?: { type: avsc.Type }[];
  underlyingType?: avsc.Type;
}

function isBlockType(type: avsc.Type): boolean {
  const name = (type as unknown as TypeShape).typeName;
  return name === 'array' || name === 'map';
}

const withBlocks = new WeakMap<avsc.Type, boolean>();

/** Whether a value of this type may hold arrays or maps (or types this check does not know). */
function hasBlocks(type: avsc.Type, visiting?: Set<avsc.Type>): boolean {
  const cached = withBlocks.get(type);
  if (cached !== undefined) return cached;
  const t = type as unknown as TypeShape;
  let found: boolean;
  switch (t.typeName) {
    case 'null': case 'boolean': case 'int': case 'long': case 'abstract:long': case 'enum':
    case 'float': case 'double': case 'bytes': case 'string': case 'fixed':
      found = false;
      break;
    case 'union:wrapped':
    case 'union:unwrapped':
    case 'record':
    case 'error': {
      // A type inside itself adds nothing new to what its first visit finds.
      const seen = visiting ?? new Set<avsc.Type>();
      if (seen.has(type)) return false;
      seen.add(type);
      const parts = t.types ?? (t.fields ?? []).map((field) => field.type);
      found = parts.some((part) => hasBlocks(part, seen));
      seen.delete(type);
      break;
    }
    default:
      found = t.typeName.startsWith('logical:') && t.underlyingType ? hasBlocks(t.underlyingType, visiting) : true;
  }
  // Only answers computed from the top are complete; those inside a cycle wait for it.
  if (!visiting || found) withBlocks.set(type, found);
  return found;
}

const minimumSizes = new WeakMap<avsc.Type, number>();

/** The fewest bytes a value of this type takes: what bounds an item count by the bytes left. */
function minimumSize(type: avsc.Type, visiting?: Set<avsc.Type>): number {
  const cached = minimumSizes.get(type);
  if (cached !== undefined) return cached;
  const t = type as unknown as TypeShape;
  let size: number;
  switch (t.typeName) {
    case 'null': size = 0; break;
    case 'float': size = 4; break;
    case 'double': size = 8; break;
    case 'fixed': size = t.size ?? 0; break;
    case 'record':
    case 'error':
      // A record inside itself is reached through a union, array or map, which take a byte.
      if (visiting?.has(type)) return 0;
      visiting ??= new Set<avsc.Type>();
      visiting.add(type);
      size = (t.fields ?? []).reduce((sum, field) => sum + minimumSize(field.type, visiting), 0);
      visiting.delete(type);
      break;
    default:
      size = t.typeName.startsWith('logical:') && t.underlyingType ? minimumSize(t.underlyingType, visiting) : 1;
  }
  minimumSizes.set(type, size);
  return size;
}

function skipValue(type: avsc.Type, cursor: Cursor): void {
  const t = type as unknown as TypeShape;
  switch (t.typeName) {
    case 'null':
      return;
    case 'boolean':
      return need(cursor, 1);
    case 'int':
    case 'long':
    case 'abstract:long':
    case 'enum':
      readVarint(cursor);
      return;
    case 'float':
      return need(cursor, 4);
    case 'double':
      return need(cursor, 8);
    case 'bytes':
    case 'string':
      return need(cursor, readVarint(cursor));
    case 'fixed':
      return need(cursor, t.size ?? 0);
    case 'array':
      return skipBlocks(cursor, minimumSize(t.itemsType!), () => skipValue(t.itemsType!, cursor));
    case 'map':
      return skipBlocks(cursor, 1 + minimumSize(t.valuesType!), () => {
        need(cursor, readVarint(cursor));
        skipValue(t.valuesType!, cursor);
      });
    case 'union:wrapped':
    case 'union:unwrapped': {
      const at = cursor.pos;
      const index = readVarint(cursor);
      const branch = t.types?.[index];
      if (!branch) throw new ProtocolViolation(`cannot read ${cursor.what} at byte ${cursor.start}: union branch ${index} at byte ${at} does not exist`);
      return skipValue(branch, cursor);
    }
    case 'record':
    case 'error':
      for (const field of t.fields ?? []) skipValue(field.type, cursor);
      return;
    default:
      if (t.typeName.startsWith('logical:') && t.underlyingType) return skipValue(t.underlyingType, cursor);
      throw new Unchecked();
  }
}

function skipBlocks(cursor: Cursor, itemSize: number, skipItem: () => void): void {
  for (;;) {
    const at = cursor.pos;
    let count = readVarint(cursor);
    if (count === 0) return;
    if (count < 0) {
      count = -count;
      if (readVarint(cursor) < 0) throw new ProtocolViolation(`cannot read ${cursor.what} at byte ${cursor.start}: the block at byte ${at} declares a negative size`);
    }
    const left = cursor.buf.length - cursor.pos;
    if (itemSize > 0 && count * itemSize > left) {
      throw new ProtocolViolation(`cannot read ${cursor.what} at byte ${cursor.start}: the block at byte ${at} announces ${count} items, but only ${left} bytes follow`);
    }
    if (itemSize === 0 && (cursor.emptyItems += count) > MAX_EMPTY_ITEMS) {
      throw new ProtocolViolation(`cannot read ${cursor.what} at byte ${cursor.start}: the block at byte ${at} announces ${count} empty items (the limit is ${MAX_EMPTY_ITEMS})`);
    }
    for (let i = 0; i < count; i++) skipItem();
  }
}
