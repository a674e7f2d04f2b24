/**
 * Generated code as a user compiles it: `spl codegen` over the SPL definitions, Apache Avro's IDL
 * corpus and a file of awkward names, then TypeScript (strict, `noUnusedLocals`, NodeNext) over
 * the output and over fixtures that use it. Correct use must compile; every misuse must fail:
 * once with `@ts-expect-error` (TypeScript rejects a directive that is not needed), and once
 * bare, where the error must fall on exactly the marked lines with the expected code.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.js';
import { RUNTIME_TYPES, RUNTIME_VALUES } from '../../shared/codegen/runtime-imports.js';
import { corpusAvailable, IDL_CORPUS, REPO_ROOT } from '../support/corpus.js';

const RUNTIME = path.join(REPO_ROOT, 'test/codegen/runtime.js');

/** Correct uses of the generated SPL modules: all of this must compile. */
const CORRECT = `
import { createSPLDataServiceClient, DataWriteError, registerSPLDataService, type DataResponse, type PayloadInput, type SPLDataServiceServer } from './spl-data.js';
import { createSPLExecuteServiceClient, ExecuteStatusSymbols, ExecutionError, type ExecuteResponse, type ExecuteStatus } from './spl-execute.js';
import { createEdgeClient, Error_, type EdgeServer } from './edge-names.js';
import type { RpcServer } from '${RUNTIME}';

const payload: PayloadInput = { schema: { name: { string: 'spl.test.User' } }, value: new Uint8Array([2, 97]) };

export async function useData(url: string): Promise<number> {
  const data = createSPLDataServiceClient(url, { token: 'secret' });
  await data.write({ request: { topic: 'users', primaryKey: 'u1', data: payload } });
  await data.write({ request: { topic: 'users', primaryKey: 'u2', data: payload, schema: { string: 'spl.test.User' } } }, { timeoutMs: 1000 });
  const page: DataResponse = await data.read({ request: { topic: 'users', limit: { long: 10 }, offset: { long: 2n ** 60n } } });
  const topics: string[] = await data.listTopics();
  try {
    await data.read({ request: { topic: 'nope' } });
  } catch (error) {
    if (error instanceof DataWriteError) return error.value.primaryKey?.string?.length ?? 0;
  }
  await data.close();
  return page.records.length + page.primaryKeys.length + topics.length + Number(page.totalCount);
}

/** A union is told apart by its key. */
export function describeValue(response: ExecuteResponse): string {
  const value = response.value;
  if (value === null) return 'none';
  if (value.string !== undefined) return value.string;
  if (value.bytes !== undefined) return \`\${value.bytes.length} bytes\`;
  return value['spl.common.Payload'].schema.name?.string ?? 'unnamed';
}

export async function useExecute(url: string): Promise<ExecuteStatus[]> {
  const execute = createSPLExecuteServiceClient(url);
  const modules: string[] = await execute.listAvailableModules();
  const response = await execute.execute({ request: { module: modules[0], value: { 'spl.common.Payload': payload } } });
  try {
    await execute.describeModule({ module: 'x' });
  } catch (error) {
    if (error instanceof ExecutionError && error.value.retryable) return [];
  }
  return ExecuteStatusSymbols.filter((s) => s === response.status);
}

export const data: SPLDataServiceServer = {
  async write({ request }) {
    if (request.topic === '') throw new DataWriteError({ code: 'INVALID_REQUEST', message: 'a topic has a name', topic: '' });
  },
  read: ({ request }) => ({ records: [], totalCount: request.limit?.long ?? 0 }),
  listTopics: () => ['users'],
};

export const edge: EdgeServer = {
  close: ({ item, record, kind, v }) => ({ a: \`\${item.b} \${record.key} \${kind} \${v.length}\` }),
  rpc: ({ channel, thing }) => ({ either: { int: channel.id + Number(thing.big) } }),
  delete: () => {
    throw new Error_({ message: 'no' });
  },
};

export function serve(server: RpcServer): void {
  registerSPLDataService(server, data);
}

export async function useEdge(url: string): Promise<string> {
  const client = createEdgeClient(url);
  const item = await client.close({ item: { b: 'b' }, record: { key: 'k' }, v: new Uint8Array(2) });
  await client.$close();
  return item.a + client.$rpc.channel.endpoint;
}
`;

/** Misuses, each marked with the error TypeScript must give (`//! TS<code>`). */
const MISUSE = `
import { createSPLDataServiceClient, DataWriteError, type SPLDataServiceServer } from './spl-data.js';
import { createSPLExecuteServiceClient, type ExecuteStatus } from './spl-execute.js';

const payload = { schema: {}, value: new Uint8Array(0) };

export async function misuse(url: string): Promise<void> {
  const data = createSPLDataServiceClient(url);
  const execute = createSPLExecuteServiceClient(url);
  // A field of the wrong type.
  await data.write({ request: { topic: 5, primaryKey: 'k', data: payload } }); //! TS2322
  // A missing field.
  await data.write({ request: { topic: 't', data: payload } }); //! TS2741
  // A message the protocol does not have.
  await data.remove({ request: { topic: 't' } }); //! TS2339
  // A union branch the union does not have, and two branches at once.
  await data.read({ request: { topic: 't', limit: { int: 10 } } }); //! TS2353
  await execute.execute({ request: { module: 'm', value: { string: 'x', bytes: new Uint8Array(0) } } }); //! TS2322
  // A union value not wrapped in its branch.
  await execute.execute({ request: { module: 'm', schema: 'spl.test.User' } }); //! TS2322
  // A long as a string, bytes as a string.
  await data.read({ request: { topic: 't', offset: { long: '5' } } }); //! TS2322
  await data.write({ request: { topic: 't', primaryKey: 'k', data: { schema: {}, value: 'abc' } } }); //! TS2322
  // A parameter the message does not take.
  await data.listTopics({ verbose: true }); //! TS2322
  // The response is not what the message returns.
  const count: number = await data.listTopics(); //! TS2322
  void count;
  // An enum symbol the enum does not have.
  const status: ExecuteStatus = 'DONE'; //! TS2322
  void status;
  // A declared error without its required fields.
  throw new DataWriteError({ code: 'X', message: 'm' }); //! TS2345
}

export const server: SPLDataServiceServer = {
  write: () => null,
  read: () => ({ records: 'none', totalCount: 0 }), //! TS2322
  listTopics: () => [],
};
`;

/**
 * Generated code imports the runtime from the package root by default (\`spl-studio\`): every
 * name it may use must be exported there, with the type the generator expects.
 */
const PACKAGE_ROOT = `
import { ${RUNTIME_VALUES.join(', ')} } from '${path.join(REPO_ROOT, 'index.js')}';
import type { ${RUNTIME_TYPES.join(', ')} } from '${path.join(REPO_ROOT, 'index.js')}';
export type Used = [${RUNTIME_TYPES.join(', ')}, typeof ${RUNTIME_VALUES.join(', typeof ')}];
`;

interface Marked {
  line: number;
  code: number;
}

/** The misuse fixture with `@ts-expect-error` before each marked line, and bare with the marks collected. */
function fixtures(text: string): { directed: string; bare: string; marked: Marked[] } {
  const directed: string[] = [];
  const marked: Marked[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const mark = /\/\/! TS(\d+)$/.exec(line);
    if (mark) {
      directed.push(`${line.match(/^\s*/)![0]}// @ts-expect-error TS${mark[1]}`);
      marked.push({ line: i + 1, code: Number(mark[1]) });
    }
    directed.push(line);
  });
  return { directed: directed.join('\n'), bare: text, marked };
}

describe('generated TypeScript, compiled', () => {
  let dir: string;
  let diagnostics: ts.Diagnostic[];
  let generated: string[];
  const misuse = fixtures(MISUSE);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'spl-codegen-types-'));
    const definitions = readdirSync(path.join(REPO_ROOT, 'definitions')).filter((f) => f.endsWith('.avdl')).map((f) => path.join(REPO_ROOT, 'definitions', f));
    const corpus = corpusAvailable ? readdirSync(path.join(IDL_CORPUS, 'input')).filter((f) => f.endsWith('.avdl')).map((f) => path.join(IDL_CORPUS, 'input', f)) : [];
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (t: string) => (stderr += t), cwd: REPO_ROOT };
    const args = ['codegen', ...definitions, ...corpus, path.join(REPO_ROOT, 'test/codegen/fixtures/edge-names.avdl'), '--out', dir, '--runtime', RUNTIME];
    if (corpusAvailable) args.push('--import-path', path.join(IDL_CORPUS, 'putOnClassPath'));
    const code = await main(args, io);
    if (code !== 0) throw new Error(`spl codegen failed: ${stderr}`);
    generated = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(path.join(dir, 'correct.ts'), CORRECT);
    writeFileSync(path.join(dir, 'misuse-directed.ts'), misuse.directed);
    writeFileSync(path.join(dir, 'misuse-bare.ts'), misuse.bare);
    writeFileSync(path.join(dir, 'package-root.ts'), PACKAGE_ROOT);
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts'],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noUnusedLocals: true,
      noImplicitOverride: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
      typeRoots: [path.join(REPO_ROOT, 'node_modules/@types')],
    };
    const roots = [...generated, 'correct.ts', 'misuse-directed.ts', 'misuse-bare.ts', 'package-root.ts'].map((f) => path.join(dir, f));
    const program = ts.createProgram(roots, options);
    diagnostics = [...ts.getPreEmitDiagnostics(program)];
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const where = (d: ts.Diagnostic): string => {
    const file = d.file ? path.relative(dir, d.file.fileName) : '?';
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${file}:${line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  };
  const inFile = (name: string) => diagnostics.filter((d) => d.file && path.basename(d.file.fileName) === name);

  it('generates a module per contract: the SPL definitions, the corpus, awkward names', () => {
    expect(generated).toEqual(expect.arrayContaining(['spl-common.ts', 'spl-data.ts', 'spl-execute.ts', 'spl-pipeline.ts', 'spl-node.ts', 'spl-container.ts', 'edge-names.ts']));
    if (corpusAvailable) expect(generated.length).toBe(7 + 18);
  });

  it('compiles under strict TypeScript, corpus included, without a single diagnostic', () => {
    const others = diagnostics.filter((d) => !d.file || !['misuse-bare.ts', 'package-root.ts'].includes(path.basename(d.file.fileName)));
    expect(others.map(where)).toEqual([]);
  });

  it('rejects every misuse, on the marked line, for the marked reason', () => {
    const found = inFile('misuse-bare.ts').map((d) => ({ line: d.file!.getLineAndCharacterOfPosition(d.start!).line + 1, code: d.code }));
    expect(misuse.marked.length).toBe(13);
    // Exactly one error per marked line (the first, where TypeScript reports several), and none elsewhere.
    const firstPerLine = found.filter((f, i) => found.findIndex((g) => g.line === f.line) === i);
    expect(firstPerLine).toEqual(misuse.marked);
  });

  it('can import the runtime from the package root, as it does by default', () => {
    expect(inFile('package-root.ts').map(where), 'index.ts must export these for generated code (shared/codegen/runtime-imports.ts)').toEqual([]);
  });
});
