/**
 * The requests a contract test sends to one message: its parameters (as the record they travel
 * as) varied one spot at a time through their edge values (`edge-values.ts`), each labelled with
 * what it varies, so a failure names the input that caused it.
 */
import type { RuntimeObject } from '../../../shared/avro/avro-json.js';
import { requestSchema, type Message } from '../../../shared/avro/model.js';
import { variants, type EdgeOptions } from './edge-values.js';

export interface RequestCase {
  /** What this request varies: `request.limit = -9223372036854775808n`, or `the example request`. */
  label: string;
  request: RuntimeObject;
}

export interface CaseOptions extends EdgeOptions {
  /** At most this many requests per message (default 200), picked evenly when there are more. */
  maxCases?: number;
}

export const DEFAULT_MAX_CASES = 200;

export function requestCases(message: Message, options: CaseOptions = {}): RequestCase[] {
  const all = variants(requestSchema(message), '', options).map((v) => ({
    label: v.path === '' ? 'the example request' : `${v.path} = ${v.shown}`,
    request: v.value as RuntimeObject,
  }));
  return pickEvenly(all, Math.max(1, options.maxCases ?? DEFAULT_MAX_CASES));
}

/** `limit` items spread evenly over `items`, keeping the first (the example request). */
function pickEvenly<T>(items: T[], limit: number): T[] {
  if (items.length <= limit) return items;
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * step)]);
}
