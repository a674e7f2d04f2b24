/**
 * Runtime values from shared/ (Avro JSON decoded) hold bytes as Uint8Array, since shared/ runs in
 * browsers too; avsc, under the engine, wants Node Buffers. This views one as the other, without
 * copying, at the boundary where values enter the engine.
 */
export function asEngineValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.map(asEngineValue);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = asEngineValue(item);
  return out;
}
