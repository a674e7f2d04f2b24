import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { schemaToJson } from '../avro/schema-writer.js';
import { compileIdl } from '../idl/compile.js';
import {
  layoutPath,
  parseLayout,
  parsePipelineFile,
  pipelineDefinitionSchema,
  pipelineNameOf,
  pipelineNameProblem,
  pipelinePath,
  serializeLayout,
  serializePipeline,
  type PipelineDefinitionValue,
} from './pipeline-file.js';

const DEFINITION: PipelineDefinitionValue = {
  name: 'word-stats',
  description: 'Counts the words of a text.',
  globalConfig: { 'apps.analytics.top': '5' },
  stages: [
    { module: 'tools/text/split-words', configuration: {}, inputSchema: 'tools.text.Text', outputSchema: 'tools.text.Words' },
    { module: 'apps/analytics/count-words', configuration: { b: '2', a: '1' }, inputSchema: 'apps.analytics.WordList', outputSchema: null },
  ],
};

describe('pipeline files', () => {
  it('writes a PipelineDefinition in Avro JSON: schema member order, wrapped unions, 2-space indent, final newline', () => {
    const text = serializePipeline(DEFINITION);
    expect(text.endsWith('}\n')).toBe(true);
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['name', 'stages', 'globalConfig', 'description']);
    expect(json.description).toEqual({ string: 'Counts the words of a text.' });
    const stages = json.stages as Record<string, unknown>[];
    expect(Object.keys(stages[0])).toEqual(['module', 'configuration', 'inputSchema', 'outputSchema']);
    expect(stages[0].inputSchema).toEqual({ string: 'tools.text.Text' });
    expect(stages[1].outputSchema).toBeNull();
    expect(stages[1].configuration).toEqual({ b: '2', a: '1' });
    expect(text).toContain('\n  "stages": [\n    {\n      "module": "tools/text/split-words",');
  });

  it('reads back what it writes, and writes the same text again', () => {
    const text = serializePipeline(DEFINITION);
    const parsed = parsePipelineFile(text, 'pipelines/word-stats.json');
    expect(parsed).toEqual({ definition: DEFINITION });
    expect(serializePipeline((parsed as { definition: PipelineDefinitionValue }).definition)).toBe(text);
  });

  it('fills in defaults for members a hand-written file leaves out', () => {
    const parsed = parsePipelineFile('{"name": "p", "stages": [{"module": "echo"}]}', 'pipelines/p.json');
    expect(parsed).toEqual({
      definition: { name: 'p', description: null, globalConfig: {}, stages: [{ module: 'echo', configuration: {}, inputSchema: null, outputSchema: null }] },
    });
  });

  it('reads a pipeline without stages (a new one, still a draft)', () => {
    expect(parsePipelineFile(serializePipeline({ name: 'new', stages: [], globalConfig: {}, description: null }), 'pipelines/new.json')).toEqual({
      definition: { name: 'new', stages: [], globalConfig: {}, description: null },
    });
  });

  it('says where a file is wrong: path, line and column, and what', () => {
    const path = 'pipelines/p.json';
    const bareUnion = '{\n  "name": "p",\n  "stages": [\n    { "module": "echo", "inputSchema": "a.B" }\n  ]\n}\n';
    expect(parsePipelineFile(bareUnion, path)).toEqual({ error: expect.stringMatching(/^pipelines\/p\.json:4:40: at stages\[0\]\.inputSchema: expected .*got "a\.B"/) });

    const unknown = '{\n  "name": "p",\n  "stages": [],\n  "owner": "me"\n}';
    expect(parsePipelineFile(unknown, path)).toEqual({ error: 'pipelines/p.json:4:12: at owner: record PipelineDefinition has no field "owner"; its fields are name, stages, globalConfig, description' });

    const missing = '{"stages": []}';
    expect(parsePipelineFile(missing, path)).toEqual({ error: expect.stringMatching(/^pipelines\/p\.json:1:1: at name: missing field "name" of record PipelineDefinition/) });

    const syntax = '{\n  "name": "p",\n  "stages": [,]\n}';
    expect(parsePipelineFile(syntax, path)).toEqual({ error: expect.stringMatching(/^pipelines\/p\.json:3:\d+: invalid JSON/) });

    const wrongType = '{"name": "p", "stages": [{"module": "echo", "configuration": {"a": 1}}]}';
    expect(parsePipelineFile(wrongType, path)).toEqual({ error: expect.stringMatching(/^pipelines\/p\.json:1:\d+: at stages\[0\]\.configuration\.a: expected a string/) });
  });

  it('has the schema definitions/spl-pipeline.avdl defines', async () => {
    const path = fileURLToPath(new URL('../../definitions/spl-pipeline.avdl', import.meta.url));
    const result = await compileIdl(path, { reader: { read: (p) => readFile(p, 'utf8').catch(() => undefined) } });
    expect(result.ok).toBe(true);
    const fromIdl = result.protocol!.types.find((t) => 'name' in t && t.name === 'PipelineDefinition')!;
    expect(withoutDocs(schemaToJson(pipelineDefinitionSchema()))).toEqual(withoutDocs(schemaToJson(fromIdl)));
  });

  it('names files after pipelines and keeps layouts beside them', () => {
    expect(pipelinePath('word-stats')).toBe('pipelines/word-stats.json');
    expect(layoutPath('word-stats')).toBe('pipelines/.layout/word-stats.json');
    expect(pipelineNameOf('pipelines/word-stats.json')).toBe('word-stats');
    expect(pipelineNameOf('pipelines/.layout/word-stats.json')).toBeUndefined();
    expect(pipelineNameOf('requests/a.json')).toBeUndefined();
    expect(pipelineNameProblem('word-stats')).toBeUndefined();
    expect(pipelineNameProblem('')).toMatch(/name/);
    expect(pipelineNameProblem('a/b')).toMatch(/letters, digits/);
    expect(pipelineNameProblem('.hidden')).toMatch(/starting with/);
  });

  it('reads layouts, and gives up quietly on one that is not', () => {
    const text = serializeLayout({ stages: [{ x: 10.4, y: 20 }, { x: 300, y: 20.6 }] });
    expect(text).toBe('{\n  "stages": [\n    {\n      "x": 10,\n      "y": 20\n    },\n    {\n      "x": 300,\n      "y": 21\n    }\n  ]\n}\n');
    expect(parseLayout(text)).toEqual({ stages: [{ x: 10, y: 20 }, { x: 300, y: 21 }] });
    expect(parseLayout('not json')).toBeUndefined();
    expect(parseLayout('{"stages": [{"x": "1", "y": 2}]}')).toBeUndefined();
    expect(parseLayout('[]')).toBeUndefined();
  });
});

/** Names, types, order and defaults, without docs: what "the same schema" means here. */
function withoutDocs(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'doc' ? undefined : v)));
}
