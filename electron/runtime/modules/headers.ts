/**
 * SPlectrum's legacy headers are nested objects (`{ spl: { execute: context } }`); an Avro
 * ExecuteRequest carries `map<string>`. Nested keys become dotted ones (`spl.execute.next`),
 * strings stay, numbers and booleans become their text, and arrays (or anything else) JSON.
 */
export function flattenHeaders(nested: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (nested === null || nested === undefined) return out;
  if (typeof nested !== 'object' || Array.isArray(nested)) {
    if (prefix !== '') out[prefix] = typeof nested === 'string' ? nested : typeof nested === 'object' ? JSON.stringify(nested) : String(nested);
    return out;
  }
  for (const [key, value] of Object.entries(nested as Record<string, unknown>)) flattenHeaders(value, prefix === '' ? key : `${prefix}.${key}`, out);
  return out;
}
