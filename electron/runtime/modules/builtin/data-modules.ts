/**
 * `spl/data/write`, `spl/data/read` and `spl/data/topics`: the seed's module URIs for the data
 * store, each a thin call of SPLDataService through the node's own services, so the legacy path
 * (`spl.execute('spl/data/write', input)`) and the Avro service store and check data alike.
 */
import type { ModuleDefinition } from '../module.js';
import type { BuiltinSchemas } from './builtin-schemas.js';
import type { DataReadRequest, DataWriteRequest } from '../../services/client-types.js';

export function dataModules(schemas: BuiltinSchemas): ModuleDefinition[] {
  return [
    {
      uri: 'spl/data/write',
      description: 'Stores one record (a Payload) under a topic and primary key, replacing any record with that key (SPLDataService.write).',
      input: schemas.dataWriteRequest,
      handler: async (input: DataWriteRequest, context) => {
        await context.services.data.write(input);
      },
    },
    {
      uri: 'spl/data/read',
      description: 'Reads one record by primary key, or a page of a topic\'s records (SPLDataService.read).',
      input: schemas.dataReadRequest,
      output: schemas.dataResponse,
      handler: (input: DataReadRequest, context) => context.services.data.read(input),
    },
    {
      uri: 'spl/data/topics',
      description: 'Lists the topics of the node\'s data store (SPLDataService.listTopics).',
      output: schemas.topicList,
      handler: async (_input: unknown, context) => ({ topics: await context.services.data.listTopics() }),
    },
  ];
}
