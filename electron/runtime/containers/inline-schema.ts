/**
 * A worker's result Payload names its schema by fingerprint, which only the worker's node can
 * resolve: whoever called this node would ask this node, and be told SCHEMA_NOT_FOUND. So the
 * schema's JSON is put into the Payload's SchemaRef before the answer leaves, fetched from the
 * worker once per fingerprint (one fingerprint is one schema forever, so caching is safe).
 */
import { fingerprintHex } from '../../../shared/avro/fingerprint.js';
import type { RpcClient } from '../rpc/client.js';

const PAYLOAD = 'spl.common.Payload';
const FINGERPRINT = 'spl.common.SchemaFingerprint';
const MAX_CACHED = 1000;

interface SchemaRefValue {
  name: { string: string } | null;
  fingerprint: { [FINGERPRINT]: Buffer } | null;
  json: { string: string } | null;
}

export class SchemaInliner {
  private readonly cache = new Map<string, string>();

  /** The ExecuteResponse, its Payload's SchemaRef completed with the schema's JSON where missing. */
  async complete(response: unknown, worker: RpcClient): Promise<unknown> {
    const value = (response as { value?: Record<string, unknown> | null }).value;
    const payload = value?.[PAYLOAD] as { schema: SchemaRefValue } | undefined;
    const fingerprint = payload?.schema.fingerprint?.[FINGERPRINT];
    if (!payload || payload.schema.json || !fingerprint) return response;
    const key = fingerprintHex(fingerprint);
    let json = this.cache.get(key);
    if (json === undefined) {
      try {
        json = (await worker.call('getSchemaByFingerprint', { fingerprint }, { retries: 0 })) as string;
      } catch {
        // The result stands without it: its name and fingerprint are still there.
        return response;
      }
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, json);
    }
    payload.schema.json = { string: json };
    return response;
  }
}
