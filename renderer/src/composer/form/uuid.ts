/** UUIDs for the `uuid` logical type: checked in their 36-character text form, and made anew. */
import { fail, ok, type Parsed } from './parsed.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function parseUuid(text: string): Parsed<string> {
  if (UUID.test(text)) return ok(text);
  if (text.trim() === '') return fail('enter a UUID, or press Generate');
  return fail(`${JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text)} is not a UUID: 8-4-4-4-12 hex digits, e.g. 123e4567-e89b-12d3-a456-426614174000`);
}

/** A random (version 4) UUID; `crypto.randomUUID` where the page is a secure context, else built from random bytes. */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
