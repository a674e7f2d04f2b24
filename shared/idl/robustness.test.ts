/**
 * The editor compiles half-typed text on every keystroke: whatever the input, the front end
 * must return diagnostics, never throw or hang. Seeded random damage to real IDL checks that.
 */
import { describe, expect, it } from 'vitest';
import { compileIdlText } from './compile.js';
import { memoryReader } from '../../test/support/memory-reader.js';

const sample = `/** Orders. */
@namespace("org.example")
protocol Orders {
  import idl "types.avdl";
  enum Status { NEW, PAID } = NEW;
  fixed Hash(16);
  @aliases(["OldOrder"]) record Order {
    string id;
    /** When. */ timestamp_ms at;
    union { null, string } note = null;
    array<map<decimal(9,2)>> lines = [];
    Status status = "NEW";
    string? \`error\` = "x";
  }
  error Failure { string why; }
  Order place(Order order, int tries = 1) throws Failure;
  void ping() oneway;
}`;

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pieces = ['{', '}', '(', ')', ';', ',', '<', '>', '@', '"', '`', '/*', '/**', '*/', '=', '?', 'record', 'union', ' ', '\n', '-', '.', '0x', 'NaN'];

describe('robustness', () => {
  it('never throws on damaged input, and always reports something for broken text', async () => {
    const next = random(20261127);
    const reader = memoryReader({ '/w/types.avdl': 'namespace org.example; record Money { long cents; }' });
    for (let round = 0; round < 400; round++) {
      let text = sample;
      const edits = 1 + Math.floor(next() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * text.length);
        const kind = next();
        if (kind < 0.4) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 8));
        else if (kind < 0.8) text = text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at);
        else text = text.slice(0, at);
      }
      const result = await compileIdlText('/w/orders.avdl', text, { reader });
      for (const d of result.diagnostics) {
        expect(d.range.start).toBeGreaterThanOrEqual(0);
        if (d.file === '/w/orders.avdl') expect(d.range.end).toBeLessThanOrEqual(text.length);
        expect(d.range.end).toBeGreaterThanOrEqual(d.range.start);
        expect(d.message.length).toBeGreaterThan(0);
      }
    }
  });
});
