/**
 * The history's search: every word of the query must appear, in any case, somewhere in what a
 * person would remember of a call: the connection, the endpoint, the protocol and message, the
 * request body and metadata, and the result (body, error type, message).
 */
import type { HistoryEntry } from '../../../../shared/studio/api.js';

/** The query's words, lower-cased; none for an empty or blank query. */
export function queryWords(text: string | undefined): string[] {
  return text?.toLowerCase().split(/\s+/).filter((word) => word !== '') ?? [];
}

/** Everything a query looks in, lower-cased, one field per line. */
export function searchableText(entry: HistoryEntry): string {
  const { request, result } = entry;
  const parts = [entry.connectionName, request.connectionId, request.nodeId, result.endpoint, request.protocol, request.message, request.body];
  for (const [key, value] of Object.entries(request.metadata ?? {})) parts.push(`${key}=${value}`);
  parts.push(result.outcome, result.body ?? '', result.errorType ?? '', result.message ?? '');
  return parts.join('\n').toLowerCase();
}

export function matchesWords(haystack: string, words: readonly string[]): boolean {
  return words.every((word) => haystack.includes(word));
}
