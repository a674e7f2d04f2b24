/**
 * A process serving SPLDataService alone on a data directory, for tests that must kill a real
 * node (durability) and for the data benchmark's server side. Prints one JSON line with its
 * ports (`{"http":N,"tcp":M}`), then serves until SIGTERM/SIGINT (closing the store cleanly) or
 * until it is killed.
 *
 *   node --import tsx electron/runtime/data/test-support/data-node.ts --data DIR [--http PORT]
 *        [--tcp PORT] [--synchronous full|normal]
 */
import { parseArgs } from 'node:util';
import { loadDefinition } from '../../definitions.js';
import { serveHttp, type Listening } from '../../rpc/http.js';
import { RpcServer } from '../../rpc/server.js';
import { serveTcp } from '../../rpc/tcp.js';
import { SchemaRegistry } from '../../schemas/schema-registry.js';
import { createDataService } from '../../services/data-service.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, http: { type: 'string' }, tcp: { type: 'string' }, synchronous: { type: 'string' } } });
if (!values.data) {
  process.stderr.write('usage: data-node --data DIR [--http PORT] [--tcp PORT] [--synchronous full|normal]\n');
  process.exit(2);
}
const synchronous = values.synchronous === 'normal' ? 'normal' : 'full';
const data = createDataService({ dataDir: values.data, registry: new SchemaRegistry(), synchronous });
if (data.problem) process.stderr.write(`data: ${data.problem}\n`);
const server = new RpcServer();
server.addService(await loadDefinition('data'), data.handlers);
const listening: Listening[] = [];
const ports: Record<string, number> = {};
if (values.http !== undefined || values.tcp === undefined) {
  const http = await serveHttp(server, { port: Number(values.http ?? 0) });
  listening.push(http);
  ports.http = http.port;
}
if (values.tcp !== undefined) {
  const tcp = await serveTcp(server, { port: Number(values.tcp) });
  listening.push(tcp);
  ports.tcp = tcp.port;
}
process.stdout.write(`${JSON.stringify(ports)}\n`);

const stop = async () => {
  await Promise.all(listening.map((l) => l.close()));
  await data.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
