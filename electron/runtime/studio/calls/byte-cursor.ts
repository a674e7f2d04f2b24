/**
 * Reads Avro's binary primitives from bytes that may be anything (the frame annotator's input):
 * every read is bounded by the end of the bytes and says what it found instead of throwing a
 * RangeError or allocating what a bad length announces.
 */

/** The bytes at the cursor are not what was expected; the message says what was. */
export class Unparsed extends Error {
  override name = 'Unparsed';
}

export class ByteCursor {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
  ) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  /** A zig-zag varint (int or long), as a number; beyond 2^53 is not something a frame needs. */
  long(what: string): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw new Unparsed(`${what} runs past the end`);
      const byte = this.buf[this.pos++];
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) {
        if (value > Number.MAX_SAFE_INTEGER) throw new Unparsed(`${what} is too large`);
        // Zig-zag: even values are positive, odd ones negative.
        return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
      }
      scale *= 128;
    }
    throw new Unparsed(`${what} is not a varint (more than 10 bytes)`);
  }

  fixed(size: number, what: string): Buffer {
    if (this.remaining < size) throw new Unparsed(`${what} needs ${size} bytes, ${this.remaining} left`);
    const out = this.buf.subarray(this.pos, this.pos + size);
    this.pos += size;
    return out;
  }

  /** Avro bytes (a length, then that many bytes); `start` is where the content begins. */
  bytes(what: string): { value: Buffer; start: number } {
    const length = this.long(`${what}'s length`);
    if (length < 0) throw new Unparsed(`${what} has a negative length (${length})`);
    const start = this.pos;
    return { value: this.fixed(length, what), start };
  }

  string(what: string): string {
    return this.bytes(what).value.toString('utf8');
  }

  /** A union's branch index, checked against how many branches there are. */
  branch(count: number, what: string): number {
    const index = this.long(`${what}'s union branch`);
    if (index < 0 || index >= count) throw new Unparsed(`${what} names union branch ${index} of ${count}`);
    return index;
  }
}

export interface MapEntry {
  key: string;
  value: Buffer;
  /** Where the value's content starts and ends (after its length). */
  start: number;
  end: number;
}

/** An Avro map of bytes (metadata): its entries, in wire order. */
export function readBytesMap(cursor: ByteCursor, what: string): MapEntry[] {
  const entries: MapEntry[] = [];
  for (;;) {
    let count = cursor.long(`${what}'s block count`);
    if (count === 0) return entries;
    if (count < 0) {
      count = -count;
      cursor.long(`${what}'s block size`);
    }
    // Each entry takes at least two bytes (two empty lengths): more than that cannot be real.
    if (count > cursor.remaining / 2) throw new Unparsed(`${what} announces ${count} entries in ${cursor.remaining} bytes`);
    for (let i = 0; i < count; i++) {
      const key = cursor.string(`${what}'s key`);
      const { value, start } = cursor.bytes(`${what}[${JSON.stringify(key)}]`);
      entries.push({ key, value, start, end: cursor.pos });
    }
  }
}
