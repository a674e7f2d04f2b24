/**
 * Bytes as text the user can type: hex (`0a ff`, spaces and a `0x` prefix allowed) or base64
 * (standard or URL-safe, padding optional). Pure, no `atob`: the same code runs in tests.
 */
import { fail, ok, type Parsed } from './parsed.js';

export type ByteEncoding = 'hex' | 'base64';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map<string, number>([...B64].map((c, i) => [c, i]));
B64_INDEX.set('-', 62);
B64_INDEX.set('_', 63);

export function formatBytes(bytes: Uint8Array, encoding: ByteEncoding): string {
  if (encoding === 'hex') {
    let out = '';
    for (const b of bytes) out += b.toString(16).padStart(2, '0');
    return out;
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

export function parseBytes(text: string, encoding: ByteEncoding): Parsed<Uint8Array> {
  return encoding === 'hex' ? parseHex(text) : parseBase64(text);
}

function parseHex(text: string): Parsed<Uint8Array> {
  let digits = text.replace(/\s+/g, '');
  if (/^0x/i.test(digits)) digits = digits.slice(2);
  const bad = /[^0-9a-fA-F]/.exec(digits);
  if (bad) return fail(`'${bad[0]}' is not a hex digit (0-9, a-f)`);
  if (digits.length % 2 !== 0) return fail(`${digits.length} hex digits: a byte takes two, so the count must be even`);
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return ok(out);
}

function parseBase64(text: string): Parsed<Uint8Array> {
  const compact = text.replace(/\s+/g, '');
  const body = compact.replace(/=+$/, '');
  if (compact.length - body.length > 2) return fail('base64 ends with at most two =');
  for (const c of body) if (!B64_INDEX.has(c)) return fail(`'${c}' is not a base64 character (A-Z, a-z, 0-9, +, /)`);
  if (body.length % 4 === 1) return fail(`${body.length} base64 characters cannot be whole bytes (one too many or one missing)`);
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const c of body) {
    value = (value << 6) | (B64_INDEX.get(c) ?? 0);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (value >> bits) & 0xff;
    }
  }
  return ok(out);
}
