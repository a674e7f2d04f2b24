/**
 * `spl.loadModule(uri, { contractValidation, serviceDefinition })`, as the seed writes it:
 *
 *     const executeModule = await spl.loadModule('spl/execute', { contractValidation: true, serviceDefinition: 'SPLExecuteService' });
 *
 * `uri` names a module (`tools/text/uppercase`) or a group of them (`spl/execute`: every module
 * under it). `serviceDefinition` names the Avro protocol the modules belong to; the handle then
 * carries a client of it. With `contractValidation` (the default) loading checks the contract:
 * the modules exist, the protocol is served, and every module schema that the protocol also
 * defines is the very same schema (same fingerprint), so module and service cannot drift apart;
 * and `execute` goes the way a remote caller's would, through SPLExecuteService with the input
 * encoded as a Payload (except plain objects for untyped modules, which the contract cannot
 * carry: those run in process). Without it, nothing is checked at load and `execute` calls the module
 * directly (its input is still checked against its schema: that is what makes it typed).
 */
import { isNamed, type NamedSchema, type Protocol, type Schema } from '../../../shared/avro/model.js';
import { schemaFingerprint, fingerprintHex } from '../../../shared/avro/fingerprint.js';
import type { NodeCore } from '../services/node-core.js';
import type { ClientFor, ModuleInfo } from '../services/client-types.js';
import type { LoadedModule } from '../modules/registry.js';
import { plainResult } from '../modules/plain-result.js';
import { ModuleFailure } from '../modules/module.js';
import { decodePayload, encodePayload, isPayload } from './plain-payload.js';

export interface LoadModuleOptions<S extends string = string> {
  /** Check the contract at load, and call through SPLExecuteService (default true). */
  contractValidation?: boolean;
  /** The protocol the module(s) belong to, e.g. 'SPLExecuteService'. */
  serviceDefinition?: S;
}

export interface ModuleHandle<S extends string = string> {
  uri: string;
  /** The module itself, or every module under `uri`. */
  modules: ModuleInfo[];
  /** Runs `uri` (or `options.module`, one of `modules`; or the only one) on a plain input; resolves with its plain result. */
  execute(input?: unknown, options?: { headers?: Record<string, string>; module?: string }): Promise<unknown>;
  /** A client of `serviceDefinition`, when one was named. */
  service: S extends '' ? undefined : ClientFor<S>;
}

export async function loadModule<S extends string>(core: NodeCore, uri: string, options: LoadModuleOptions<S> = {}): Promise<ModuleHandle<S>> {
  const validate = options.contractValidation ?? true;
  const exact = core.modules.get(uri);
  const found = exact ? [exact] : core.modules.list().filter((m) => m.uri.startsWith(`${uri}/`));
  if (found.length === 0) throw new Error(`no module '${uri}' (or under ${uri}/) on node ${core.nodeId}; it has ${core.modules.list().map((m) => m.uri).join(', ')}`);
  let protocol: Protocol | undefined;
  if (options.serviceDefinition !== undefined) protocol = core.protocol(options.serviceDefinition);
  if (validate && protocol) {
    const problems = found.flatMap((m) => contractProblems(m, protocol));
    if (problems.length > 0) throw new Error(`module ${uri} does not match ${options.serviceDefinition}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  const execute = async (input?: unknown, call: { headers?: Record<string, string>; module?: string } = {}): Promise<unknown> => {
    // A group of one module (spl/execute: spl/execute/next) runs that module.
    const target = call.module ?? (found.length === 1 ? found[0].uri : uri);
    if (!found.some((m) => m.uri === target)) throw new Error(`${target} is not one of the modules loaded as ${uri}: ${found.map((m) => m.uri).join(', ')}`);
    const module = core.executor.module(target);
    // What ExecuteRequest.value cannot carry (an untyped module's plain object, such as the seed's
    // { headers, value } envelope for spl/execute/next) can only run in process.
    const carried = module.inputSchema !== undefined || input === undefined || input === null || typeof input === 'string' || input instanceof Uint8Array || isPayload(input);
    if (!validate || !carried) return plainResult(await core.executor.runPlain(target, input, { headers: call.headers }), core.schemas);
    const value = module.inputSchema ? encodePayload(module.inputSchema, input, 'input') : input ?? null;
    const response = await core.services.service('SPLExecuteService').execute({ module: target, headers: call.headers ?? {}, value: value as never });
    if (response.status === 'ERROR') throw new ModuleFailure(response.errorMessage ?? 'the module failed', response.errorCode ?? 'MODULE_FAILED');
    return isPayload(response.value) ? decodePayload(response.value, core.schemas) : response.value ?? undefined;
  };
  return {
    uri,
    modules: found.map((m) => ({ module: m.uri, description: m.description ?? null, inputSchema: m.inputSchema?.fullName ?? null, outputSchema: m.outputSchema?.fullName ?? null })),
    execute,
    service: (protocol ? core.services.service(options.serviceDefinition as string) : undefined) as ModuleHandle<S>['service'],
  };
}

/** Module schemas the protocol defines too must be the same schema. */
function contractProblems(module: LoadedModule, protocol: Protocol): string[] {
  const problems: string[] = [];
  const defined = new Map<string, NamedSchema>(protocol.types.map((t) => [t.fullName, t]));
  for (const [side, schema] of [['input', module.inputSchema?.schema], ['output', module.outputSchema?.schema]] as [string, Schema | undefined][]) {
    if (!schema || !isNamed(schema)) continue;
    const theirs = defined.get(schema.fullName);
    if (!theirs) continue;
    const mine = fingerprintHex(schemaFingerprint(schema));
    const contract = fingerprintHex(schemaFingerprint(theirs));
    if (mine !== contract) problems.push(`${module.uri}'s ${side} ${schema.fullName} (${mine}) is not the protocol's ${schema.fullName} (${contract})`);
  }
  return problems;
}
