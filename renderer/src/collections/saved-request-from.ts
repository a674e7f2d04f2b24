/**
 * The composer's request as a saved request: variables left as `{{name}}` (the environment is
 * chosen when it is sent), enabled metadata rows only, the body as JSON with longs exact.
 */
import { JsonSyntaxError, parseLocatedJson } from '../../../shared/avro/located-json.js';
import type { SavedRequest } from '../../../shared/studio/saved-requests.js';
import type { ComposerState } from '../stores/composer-store.js';
import { isCompleteTarget } from '../composer/target-schema.js';

export function savedRequestFrom(state: Pick<ComposerState, 'target' | 'body' | 'metadata' | 'deadlineMs'>, name: string): { request: SavedRequest } | { error: string } {
  const trimmed = name.trim();
  if (trimmed === '') return { error: 'Give the request a name.' };
  if (!isCompleteTarget(state.target)) return { error: 'Pick a connection, node, protocol and message before saving the request.' };
  let body;
  try {
    body = parseLocatedJson(state.body).value;
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { error: `The body is not valid JSON (${error.message}): fix it before saving.` };
  }
  const metadata: Record<string, string> = {};
  for (const row of state.metadata) if (row.enabled && row.key.trim() !== '') metadata[row.key.trim()] = row.value;
  const { connectionId, nodeId, protocol, message } = state.target;
  return {
    request: {
      name: trimmed,
      connectionId,
      nodeId,
      protocol,
      message,
      body,
      ...(Object.keys(metadata).length ? { metadata } : {}),
      ...(state.deadlineMs !== null ? { deadlineMs: state.deadlineMs } : {}),
    },
  };
}
