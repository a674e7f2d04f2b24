// @vitest-environment node
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JsonValue, NamedSchema } from '../../../../shared/avro/model.js';
import { schemasToJson } from '../../../../shared/avro/schema-writer.js';
import { compileIdl } from '../../../../shared/idl/compile.js';
import { executeRequestSchema, executeResponseSchema, runInputSchema } from './execute-schemas.js';

const COMMON = fileURLToPath(new URL('../../../../definitions/spl-common.avdl', import.meta.url));

/** JSON without docs: the copy here leaves them out. */
function withoutDocs(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutDocs);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'doc').map(([key, v]) => [key, withoutDocs(v)]));
}

describe('the execute schemas', () => {
  it('are ExecuteRequest and ExecuteResponse exactly as definitions/spl-common.avdl compiles them', async () => {
    const compiled = await compileIdl(COMMON, {
      reader: {
        read: async (path) => {
          try {
            return await readFile(path, 'utf8');
          } catch {
            return undefined;
          }
        },
      },
    });
    expect(compiled.ok).toBe(true);
    const named = (name: string) => (compiled.schemas ?? compiled.types ?? []).find((t) => t.fullName === name) as NamedSchema;
    const definitions = schemasToJson([named('spl.common.ExecuteRequest'), named('spl.common.ExecuteResponse')]);
    expect(schemasToJson([executeRequestSchema(), executeResponseSchema()])).toEqual(withoutDocs(definitions));
  });

  it('take the run input as ExecuteRequest.value', () => {
    const input = runInputSchema();
    expect(input.types.map((t) => ('fullName' in t ? t.fullName : t.type))).toEqual(['null', 'bytes', 'string', 'spl.common.Payload']);
  });
});
