/**
 * The pipeline view's test world: the sample modules' schemas (tools/text/*, apps/analytics/*)
 * as a node would describe them, a node on the local connection that has them, a studio over
 * the memory host with a pipeline file, and what React Flow needs from a DOM that jsdom lacks.
 * Imported by tests only.
 */
import type { ClusterNode, ConnectionStatus, ModuleDescription } from '../../../shared/studio/api.js';
import { createMemoryStudioApi, type MemoryNetwork, type MemoryStudioApi } from '../../../shared/studio/memory-api.js';
import { serializePipeline, type PipelineDefinitionValue } from '../../../shared/studio/pipeline-file.js';
import { createStudio, type Studio } from '../app/studio.js';
import { FakeBuffers } from '../test/fake-buffers.js';
import { memoryStorage } from '../test/fake-studio.js';

const TEXT = { type: 'record', name: 'Text', namespace: 'tools.text', fields: [{ name: 'text', type: 'string' }] };
const WORDS = {
  type: 'record', name: 'Words', namespace: 'tools.text',
  fields: [{ name: 'words', type: { type: 'array', items: 'string' } }, { name: 'source', type: ['null', 'string'], default: null }],
};
/** Another version of tools.text.Words, whose `words` is one string: Words cannot be read as it. */
const JOINED_WORDS = { type: 'record', name: 'Words', namespace: 'tools.text', fields: [{ name: 'words', type: 'string' }] };
const WORD_LIST = {
  type: 'record', name: 'WordList', namespace: 'apps.analytics', aliases: ['tools.text.Words'],
  fields: [{ name: 'words', type: { type: 'array', items: 'string' } }, { name: 'ignoreCase', type: 'boolean', default: true }],
};
const WORD_COUNT = { type: 'record', name: 'WordCount', namespace: 'apps.analytics', fields: [{ name: 'word', type: 'string' }, { name: 'count', type: 'int' }] };
const WORD_COUNTS = { type: 'record', name: 'WordCounts', namespace: 'apps.analytics', fields: [{ name: 'counts', type: { type: 'array', items: WORD_COUNT } }, { name: 'total', type: 'long' }] };
const SUMMARY = {
  type: 'record', name: 'Summary', namespace: 'apps.analytics',
  fields: [{ name: 'totalWords', type: 'long' }, { name: 'distinctWords', type: 'int' }, { name: 'topWords', type: { type: 'array', items: 'string' } }],
};

function module(name: string, description: string, input?: { name: string; type: string; schema: object }, output?: { name: string; schema: object }): ModuleDescription {
  return {
    module: name,
    description,
    ...(input ? { inputSchema: input.name, inputSchemaText: JSON.stringify(input.schema) } : {}),
    ...(output ? { outputSchema: output.name, outputSchemaText: JSON.stringify(output.schema) } : {}),
  };
}

export const UPPERCASE = module('tools/text/uppercase', 'Upper-cases a text.', { name: 'tools.text.Text', type: 'record', schema: TEXT }, { name: 'tools.text.Text', schema: TEXT });
export const SPLIT_WORDS = module('tools/text/split-words', 'Splits a text into its words.', { name: 'tools.text.Text', type: 'record', schema: TEXT }, { name: 'tools.text.Words', schema: WORDS });
export const JOIN_WORDS = module('tools/text/join-words', 'Joins words into one string.', { name: 'tools.text.Words', type: 'record', schema: JOINED_WORDS }, { name: 'tools.text.Text', schema: TEXT });
export const COUNT_WORDS = module('apps/analytics/count-words', 'Counts how often each word occurs.', { name: 'apps.analytics.WordList', type: 'record', schema: WORD_LIST }, { name: 'apps.analytics.WordCounts', schema: { ...WORD_COUNTS } });
export const SUMMARIZE = module('apps/analytics/summarize', 'Summarizes word frequencies.', { name: 'apps.analytics.WordCounts', type: 'record', schema: WORD_COUNTS }, { name: 'apps.analytics.Summary', schema: SUMMARY });
export const ECHO = module('echo', 'Returns its input unchanged (untyped).');

export const MODULES = [UPPERCASE, SPLIT_WORDS, JOIN_WORDS, COUNT_WORDS, SUMMARIZE, ECHO];

export const CONNECTIONS: ConnectionStatus[] = [
  { id: 'local', name: 'Local runtime', kind: 'local', url: 'http://127.0.0.1:7400', hasToken: false, state: 'connected' },
];

export function node(nodeId: string, modules: ModuleDescription[]): ClusterNode {
  return {
    connectionId: 'local', nodeId, endpoint: 'http://127.0.0.1:7400', availableModules: modules.map((m) => m.module),
    capabilities: {}, lastHeartbeat: 0, protocols: [], health: 'up', drift: {},
  };
}

export const stage = (m: ModuleDescription, configuration: Record<string, string> = {}) => ({
  module: m.module, configuration, inputSchema: m.inputSchema ?? null, outputSchema: m.outputSchema ?? null,
});

/** uppercase → split-words → summarize: the second wire does not fit (Words is not WordCounts). */
export const WORDS_PIPELINE: PipelineDefinitionValue = {
  name: 'words',
  description: 'Counts words.',
  globalConfig: {},
  stages: [stage(UPPERCASE), stage(SPLIT_WORDS), stage(SUMMARIZE)],
};

export function pipelineStudio(files: Record<string, string> = { 'pipelines/words.json': serializePipeline(WORDS_PIPELINE) }, overrides: MemoryNetwork = {}): { studio: Studio; api: MemoryStudioApi } {
  const api = createMemoryStudioApi(files, { version: '0.0.0-test' }, {
    connections: CONNECTIONS,
    nodes: [node('n1', MODULES)],
    modules: { 'local/n1': MODULES },
    ...overrides,
  });
  const buffers = new FakeBuffers();
  const studio = createStudio({
    connection: { api, host: 'web', status: () => 'connected', onStatus: () => () => {}, onCommand: () => () => {} },
    buffers,
    storage: memoryStorage(),
    mac: false,
  });
  return { studio, api };
}

/**
 * What React Flow measures with and jsdom does not have (see React Flow's "Testing" guide):
 * ResizeObserver, DOMMatrixReadOnly, element sizes and SVG boxes. Call once per test file.
 */
export function installFlowDom(): void {
  class ResizeObserverStub {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver);
    }
    unobserve() {}
    disconnect() {}
  }
  class DOMMatrixReadOnlyStub {
    m22: number;
    constructor(transform?: string) {
      const scale = transform?.match(/scale\(([\d.]+)\)/)?.[1];
      this.m22 = scale !== undefined ? Number(scale) : 1;
    }
  }
  const g = globalThis as unknown as Record<string, unknown>;
  g.ResizeObserver ??= ResizeObserverStub;
  g.DOMMatrixReadOnly ??= DOMMatrixReadOnlyStub;
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: { configurable: true, get(this: HTMLElement) { return parseFloat(this.style.height) || 80; } },
    offsetWidth: { configurable: true, get(this: HTMLElement) { return parseFloat(this.style.width) || 220; } },
  });
  (SVGElement.prototype as unknown as { getBBox(): DOMRect }).getBBox = () => ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
}
