/**
 * `spl node [--http PORT] [--tcp PORT] [--data DIR] [--modules DIR]... [--host HOST] [--token TOKEN]
 * [--id ID] [--join URL | --discovery etcd://HOST:PORT] [--container-engine unix:///PATH.sock]
 * [--log-calls]`: the Avro runtime, headless, serving the SPL services. It prints where it
 * listens and runs until interrupted; module problems, reloads and cluster events go to stderr,
 * and with --log-calls one JSON line per call (with its trace id).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startNode } from '../../runtime/node.js';
import { defaultDataDir } from '../../runtime/services/data-dir.js';
import { streamLogger } from '../../runtime/modules/logger.js';
import { parseEngineAddress } from '../../runtime/containers/engine-address.js';
import { UsageError, type CliIo } from '../io.js';
import type { Command } from '../main.js';

const usage = `Usage: spl node [--http PORT] [--tcp PORT] [--data DIR] [--modules DIR]...
                [--host HOST] [--token TOKEN] [--id ID] [--tls-cert CERT.pem --tls-key KEY.pem]
                [--join URL | --discovery etcd://HOST:PORT] [--heartbeat-ms MS] [--ttl-ms MS]
                [--container-engine unix:///PATH.sock] [--log-calls]

Runs a node: SPLExecuteService, SPLDataService, SPLPipelineService, SPLNodeService and
SPLContainerService over HTTP and TCP, in Avro RPC, so any Avro client can call it. Without
--http or --tcp it serves both on free ports. GET /metrics on the HTTP port answers in
Prometheus text format.

  --data DIR     where the node keeps its records (SQLite) and pipelines
                 (default: ${defaultDataDir()})
  --modules DIR  user modules: DIR/<namespace...>/<name>/ with index.js or index.mjs and
                 schema.avdl (or input.avsc/output.avsc); repeatable; reloaded on change.
                 A broken module is reported on stderr and the others still load.

  --join URL     join the cluster of a registry node (any node is one: http://HOST:PORT):
                 register with it, then heartbeat every --heartbeat-ms (default 1000)
  --discovery etcd://HOST:PORT
                 join the cluster kept in etcd: key /spl/nodes/<id> under a lease of --ttl-ms
                 (default 3000, whole seconds, at least 2), refreshed every --heartbeat-ms
  --ttl-ms MS    as a registry: drop a member not heard of for this long (default 3000)
  --container-engine unix:///PATH.sock
                 the Docker Engine API socket (Docker or Podman; a plain path works too) for
                 SPLContainerService: it starts SPL node images with host networking on free
                 loopback ports, lists and stops them, and runs modules in them. Podman:
                 \`podman system service --time=0 unix:///run/podman/podman.sock\`; Docker:
                 unix:///var/run/docker.sock. Without it, container calls answer
                 CONTAINER_ENGINE_UNAVAILABLE
  --log-calls    log every call handled as a JSON line on stderr (with its trace id, spl.trace)
  --id ID        the node's id in the cluster, stable across restarts (default HOST-PID)

It binds 127.0.0.1 unless --host says otherwise; any other address needs --token (HTTP callers
send "Authorization: Bearer TOKEN", TCP callers put it in the handshake meta as "token").
With --tls-cert and --tls-key it serves https:// and tcps:// instead. Stop it with Ctrl-C.`;

function port(value: string | undefined, option: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${option} takes a port number (0 for any free one)`);
  return n;
}

export const nodeCommand: Command = {
  name: 'node',
  summary: 'run a node serving the SPL services over HTTP and TCP',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    let httpPort: number | undefined;
    let tcpPort: number | undefined;
    let host: string | undefined;
    let token: string | undefined;
    let nodeId: string | undefined;
    let certFile: string | undefined;
    let keyFile: string | undefined;
    let dataDir: string | undefined;
    const moduleDirs: string[] = [];
    let join: string | undefined;
    let discovery: string | undefined;
    let heartbeatMs: number | undefined;
    let ttlMs: number | undefined;
    let logCalls = false;
    let containerEngine: string | undefined;
    const millis = (given: string | undefined, option: string): number => {
      const n = Number(given);
      if (given === undefined || !Number.isInteger(n) || n < 50 || n > 3_600_000) throw new UsageError(`${option} takes milliseconds (50 to 3600000)`);
      return n;
    };
    const value = (i: number, option: string): string => {
      const given = args[i];
      if (given === undefined || given.startsWith('--')) throw new UsageError(`${option} needs a value`);
      return given;
    };
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--http') httpPort = port(args[++i], '--http');
      else if (arg === '--tcp') tcpPort = port(args[++i], '--tcp');
      else if (arg === '--host') host = args[++i];
      else if (arg === '--token') token = args[++i];
      else if (arg === '--id') nodeId = args[++i];
      else if (arg === '--tls-cert') certFile = args[++i];
      else if (arg === '--tls-key') keyFile = args[++i];
      else if (arg === '--data') dataDir = value(++i, '--data');
      else if (arg === '--modules') moduleDirs.push(value(++i, '--modules'));
      else if (arg === '--join') join = value(++i, '--join');
      else if (arg === '--discovery') discovery = value(++i, '--discovery');
      else if (arg === '--heartbeat-ms') heartbeatMs = millis(args[++i], '--heartbeat-ms');
      else if (arg === '--ttl-ms') ttlMs = millis(args[++i], '--ttl-ms');
      else if (arg === '--container-engine') containerEngine = value(++i, '--container-engine');
      else if (arg === '--log-calls') logCalls = true;
      else throw new UsageError(`unknown option ${arg}`);
    }
    if (httpPort === undefined && tcpPort === undefined) {
      httpPort = 0;
      tcpPort = 0;
    }
    if ((certFile === undefined) !== (keyFile === undefined)) throw new UsageError('TLS needs both --tls-cert and --tls-key');
    if (join && discovery) throw new UsageError('use --join (a registry node) or --discovery (etcd), not both');
    if (discovery && !/^etcd:\/\//i.test(discovery)) throw new UsageError(`--discovery takes etcd://HOST:PORT, not ${discovery}`);
    if (join && !/^(https?|tcps?):\/\//i.test(join)) throw new UsageError(`--join takes a node's URL, http://HOST:PORT or tcp://HOST:PORT, not ${join}`);
    let engine;
    try {
      engine = containerEngine === undefined ? undefined : parseEngineAddress(containerEngine, io.cwd);
    } catch (error) {
      throw new UsageError(`--container-engine: ${(error as Error).message}`);
    }
    let node;
    try {
      const tls = certFile && keyFile ? { cert: await readFile(certFile), key: await readFile(keyFile) } : undefined;
      const logger = streamLogger((line) => io.stderr(line));
      node = await startNode({
        host, httpPort, tcpPort, token, nodeId, tls, logger, join, discovery, heartbeatMs, ttlMs,
        containerEngine: engine?.socketPath,
        clusterLog: (line) => io.stderr(`cluster: ${line}\n`),
        logCalls: logCalls ? (entry) => io.stderr(JSON.stringify(entry) + '\n') : undefined,
        dataDir: dataDir === undefined ? undefined : path.resolve(io.cwd, dataDir),
        moduleDirs: moduleDirs.map((dir) => path.resolve(io.cwd, dir)),
      });
    } catch (error) {
      io.stderr(`spl node: ${(error as Error).message}\n`);
      return 1;
    }
    io.stdout(`node ${node.nodeId}\n`);
    if (node.http) io.stdout(`http ${node.http.url}\n`);
    if (node.tcp) io.stdout(`tcp ${node.tcp.url}\n`);
    io.stdout(`data ${node.core.dataDir}\n`);
    const modules = node.core.modules.list().map((m) => m.uri);
    io.stdout(`modules ${modules.length}: ${modules.join(' ')}\n`);
    io.stdout(`serving ${node.server.protocols.map((p) => p.fullName).join(', ')}\n`);
    if (join) io.stdout(`joined ${join}\n`);
    if (discovery) io.stdout(`discovery ${discovery}\n`);
    if (engine) io.stdout(`containers ${engine.url}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await node.close();
    return 0;
  },
};
