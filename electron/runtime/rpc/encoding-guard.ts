/**
 * Bounded arrays and maps for avsc. avsc believes an array's or map's item count, so ten bytes
 * claiming 2^60 items would make it loop, or allocate until the process dies. Importing this
 * module replaces avsc's array and map readers (and skippers), once, with ones that refuse a
 * block announcing more items than the bytes left could hold: each item takes at least its
 * type's minimum size, and items of no size at all (nulls, empty records) are capped per value.
 *
 * Checking while decoding costs nothing on valid input; walking the bytes before each decode,
 * as this module did first, cost about 6% of a call.
 */
import avsc from 'avsc';

/** Items of zero encoded size (nulls, empty records) one value may hold: beyond, it is an attack, not data. */
const MAX_EMPTY_ITEMS = 1_000_000;

/** A block that announces more than the bytes can hold; the decoder's caller says what it was reading. */
export class BlockLimitExceeded extends Error {
  override name = 'BlockLimitExceeded';
}

let emptyItemsLeft = MAX_EMPTY_ITEMS;

interface Tap {
  buf: Buffer;
  pos: number;
  readLong(): number;
  skipLong(): void;
  readString(): string;
  skipString(): void;
}

interface TypeShape {
  typeName?: string;
  size?: number;
  itemsType?: TypeShape;
  valuesType?: TypeShape;
  fields?: { type: TypeShape }[];
  underlyingType?: TypeShape;
  /** Set on resolvers: the writer's minimum item size, since the bytes are the writer's. */
  splItemBytes?: number;
  _read(tap: Tap): unknown;
  _skip(tap: Tap): void;
}

const minimumSizes = new WeakMap<object, number>();

/** The fewest bytes a value of this type takes: what bounds an item count by the bytes left. */
export function minimumSize(type: TypeShape, visiting?: Set<object>): number {
  const cached = minimumSizes.get(type);
  if (cached !== undefined) return cached;
  let size: number;
  switch (type.typeName) {
    case 'null': size = 0; break;
    case 'float': size = 4; break;
    case 'double': size = 8; break;
    case 'fixed': size = type.size ?? 0; break;
    case 'record':
    case 'error':
      // A record inside itself is reached through a union, array or map, which take a byte.
      if (visiting?.has(type)) return 0;
      visiting ??= new Set<object>();
      visiting.add(type);
      size = (type.fields ?? []).reduce((sum, field) => sum + minimumSize(field.type, visiting), 0);
      visiting.delete(type);
      break;
    case undefined:
      // Not a type (a resolver): nothing is known, so only the cap on empty items bounds it.
      return 0;
    default:
      size = type.typeName.startsWith('logical:') && type.underlyingType ? minimumSize(type.underlyingType, visiting) : 1;
  }
  minimumSizes.set(type, size);
  return size;
}

/** The item count of the next block (0 at the end), refused when the bytes left cannot hold it. */
function blockCount(tap: Tap, itemBytes: number): number {
  const at = tap.pos;
  let n = tap.readLong();
  if (n < 0) {
    n = -n;
    tap.skipLong();
  }
  // 0 ends the value; NaN means the bytes ran out, which the decoder reports as truncation.
  if (!n) return 0;
  const left = tap.buf.length - tap.pos;
  if (itemBytes > 0 ? n * itemBytes > left : (emptyItemsLeft -= n) < 0) {
    throw new BlockLimitExceeded(itemBytes > 0
      ? `the block at byte ${at} announces ${n} items, but only ${Math.max(0, left)} bytes follow`
      : `the block at byte ${at} announces ${n} empty items (the limit is ${MAX_EMPTY_ITEMS} in one value)`);
  }
  return n;
}

function install(): void {
  const types = avsc.types as unknown as Record<string, { prototype: TypeShape & { _update(resolver: TypeShape, writer: TypeShape, opts: unknown): void } }>;
  const array = types.ArrayType.prototype;
  const map = types.MapType.prototype;
  if ((array as { splBounded?: boolean }).splBounded) return;
  // These are avsc 5.7.9's internals (pinned in package.json): fail loudly if they moved.
  for (const [name, proto] of [['ArrayType', array], ['MapType', map]] as const) {
    for (const method of ['_read', '_skip', '_update'] as const) {
      if (typeof proto[method] !== 'function') throw new Error(`avsc's ${name}.prototype.${method} is missing: the bounded readers (encoding-guard.ts) need avsc 5.7.9`);
    }
  }
  (array as { splBounded?: boolean }).splBounded = true;

  array._read = function (this: TypeShape, tap: Tap): unknown[] {
    const items = this.itemsType!;
    const itemBytes = this.splItemBytes ?? minimumSize(items);
    let value: unknown[] | undefined;
    let i = 0;
    let n: number;
    while ((n = blockCount(tap, itemBytes))) {
      value ??= new Array<unknown>(n);
      while (n--) value[i++] = items._read(tap);
    }
    return value ?? [];
  };
  array._skip = function (this: TypeShape, tap: Tap): void {
    const items = this.itemsType!;
    const itemBytes = this.splItemBytes ?? minimumSize(items);
    let n: number;
    while ((n = blockCount(tap, itemBytes))) while (n--) items._skip(tap);
  };
  map._read = function (this: TypeShape, tap: Tap): Record<string, unknown> {
    const values = this.valuesType!;
    const itemBytes = this.splItemBytes ?? 1 + minimumSize(values);
    const value: Record<string, unknown> = {};
    let n: number;
    while ((n = blockCount(tap, itemBytes))) {
      while (n--) {
        const key = tap.readString();
        value[key] = values._read(tap);
      }
    }
    return value;
  };
  map._skip = function (this: TypeShape, tap: Tap): void {
    const values = this.valuesType!;
    const itemBytes = this.splItemBytes ?? 1 + minimumSize(values);
    let n: number;
    while ((n = blockCount(tap, itemBytes))) {
      while (n--) {
        tap.skipString();
        values._skip(tap);
      }
    }
  };
  // Every value decoded starts with a fresh allowance of empty items.
  const base = avsc.Type.prototype as unknown as Record<'decode' | 'fromBuffer', (...args: unknown[]) => unknown>;
  for (const method of ['decode', 'fromBuffer'] as const) {
    const original = base[method];
    base[method] = function (this: unknown, ...args: unknown[]): unknown {
      emptyItemsLeft = MAX_EMPTY_ITEMS;
      return original.apply(this, args);
    };
  }
  // A resolver reads the writer's bytes: bound its blocks by the writer's item sizes.
  const arrayUpdate = array._update;
  array._update = function (this: TypeShape, resolver: TypeShape, writer: TypeShape, opts: unknown): void {
    arrayUpdate.call(this, resolver, writer, opts);
    if (writer.typeName === 'array') resolver.splItemBytes = minimumSize(writer.itemsType!);
  };
  const mapUpdate = map._update;
  map._update = function (this: TypeShape, resolver: TypeShape, writer: TypeShape, opts: unknown): void {
    mapUpdate.call(this, resolver, writer, opts);
    if (writer.typeName === 'map') resolver.splItemBytes = 1 + minimumSize(writer.valuesType!);
  };
}

install();
