/**
 * Reads Avro object container files (the `.avro` files Apache Avro's rpcsend/rpcreceive take),
 * with the engine's value shape: wrapped unions and exact longs.
 */
import avsc from 'avsc';
import { exactLongHook } from './exact-long.js';

/** The first datum of a container file, read with its writer schema. */
export function readFirstDatum(path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const decoder = avsc.createFileDecoder(path, {
      parseHook: (schema: unknown) => avsc.Type.forSchema(schema as avsc.Schema, { wrapUnions: true, typeHook: exactLongHook() }),
    } as unknown as avsc.DecoderOptions);
    decoder.on('data', (datum: unknown) => {
      if (settled) return;
      settled = true;
      resolve(datum);
      decoder.destroy();
    });
    decoder.on('end', () => {
      if (!settled) reject(new Error(`${path} holds no datum`));
    });
    decoder.on('error', (error: Error) => {
      if (!settled) reject(new Error(`cannot read ${path} as an Avro container file: ${error.message}`));
    });
  });
}
