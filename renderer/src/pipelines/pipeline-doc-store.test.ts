import { describe, expect, it, vi } from 'vitest';
import { createMemoryStudioApi } from '../../../shared/studio/memory-api.js';
import { parsePipelineFile, serializeLayout, serializePipeline, type PipelineDefinitionValue } from '../../../shared/studio/pipeline-file.js';
import type { Dialog } from '../stores/dialog-store.js';
import { createPipelineDoc, type PipelineDocStore } from './pipeline-doc-store.js';

const PATH = 'pipelines/words.json';
const LAYOUT = 'pipelines/.layout/words.json';

const SPLIT = { module: 'tools/text/split-words', inputSchema: 'tools.text.Text', outputSchema: 'tools.text.Words' };
const COUNT = { module: 'apps/analytics/count-words', inputSchema: 'apps.analytics.WordList', outputSchema: 'apps.analytics.WordCounts' };
const SUMMARIZE = { module: 'apps/analytics/summarize', inputSchema: 'apps.analytics.WordCounts', outputSchema: 'apps.analytics.Summary' };

const DEFINITION: PipelineDefinitionValue = {
  name: 'words',
  description: null,
  globalConfig: {},
  stages: [
    { module: SPLIT.module, configuration: {}, inputSchema: SPLIT.inputSchema, outputSchema: SPLIT.outputSchema },
    { module: COUNT.module, configuration: { 'apps.analytics.top': '3' }, inputSchema: COUNT.inputSchema, outputSchema: COUNT.outputSchema },
  ],
};

async function open(files: Record<string, string> = { [PATH]: serializePipeline(DEFINITION) }, answers: (string | null)[] = []) {
  const api = createMemoryStudioApi(files);
  const asked: Dialog[] = [];
  const notified: string[] = [];
  const doc = createPipelineDoc(PATH, {
    workspace: api.workspace,
    ask: async (dialog) => {
      asked.push(dialog);
      return answers.shift() ?? null;
    },
    notify: (message) => notified.push(message),
  });
  api.on('workspace.change', (change) => void doc.getState().diskChanged(change));
  await doc.getState().load();
  return { api, doc, asked, notified };
}

const modules = (doc: PipelineDocStore) => {
  const current = doc.getState().currentDefinition();
  if ('problem' in current) throw new Error(current.problem);
  return current.definition.stages.map((s) => s.module);
};

const readBack = async (api: ReturnType<typeof createMemoryStudioApi>) => {
  const parsed = parsePipelineFile((await api.workspace.read(PATH)).text, PATH);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.definition;
};

describe('a pipeline document', () => {
  it('reads its file into stages wired in order, laid out automatically without a layout file', async () => {
    const { doc } = await open();
    const { graph, status, dirty, stageIds } = doc.getState();
    expect(status).toBe('ready');
    expect(dirty).toBe(false);
    expect(graph.stages.map((s) => s.module)).toEqual([SPLIT.module, COUNT.module]);
    expect(graph.wires).toEqual([{ id: `${stageIds[0]}->${stageIds[1]}`, source: stageIds[0], target: stageIds[1] }]);
    expect(graph.stages[0].position.x).toBeLessThan(graph.stages[1].position.x);
    expect(graph.stages[1].configuration).toEqual([{ key: 'apps.analytics.top', value: '3' }]);
    expect(doc.getState().currentDefinition()).toEqual({ definition: DEFINITION, stageIds });
  });

  it('takes positions from the layout file', async () => {
    const { doc } = await open({ [PATH]: serializePipeline(DEFINITION), [LAYOUT]: serializeLayout({ stages: [{ x: 5, y: 6 }, { x: 500, y: 7 }] }) });
    expect(doc.getState().graph.stages.map((s) => s.position)).toEqual([{ x: 5, y: 6 }, { x: 500, y: 7 }]);
  });

  it('says where its file is wrong', async () => {
    const { doc } = await open({ [PATH]: '{"name": "words", "stages": [{"module": 1}]}' });
    expect(doc.getState().status).toBe('error');
    expect(doc.getState().loadError).toMatch(/^pipelines\/words\.json:1:\d+: at stages\[0\]\.module: expected a string/);
  });

  it('appends a stage wired after the chain, or drops one unwired where asked', async () => {
    const { doc } = await open();
    const id = doc.getState().addStage(SUMMARIZE, { after: 'chain' });
    expect(modules(doc)).toEqual([SPLIT.module, COUNT.module, SUMMARIZE.module]);
    expect(doc.getState().selectedStages).toEqual([id]);
    expect(doc.getState().dirty).toBe(true);

    const loose = doc.getState().addStage(SPLIT, { position: { x: 100, y: 400 } });
    expect(doc.getState().graph.stages.find((s) => s.id === loose)?.position).toEqual({ x: 100, y: 400 });
    expect(doc.getState().currentDefinition()).toEqual({
      problem: 'Stage 4 (tools/text/split-words) is not connected: it would not run. Wire it into the chain or delete it.',
    });
  });

  it('keeps the graph linear: wiring replaces a stage\'s other wire, and loops are refused', async () => {
    const { doc } = await open();
    const [a, b] = doc.getState().stageIds;
    const c = doc.getState().addStage(SUMMARIZE, { position: { x: 0, y: 300 } });
    expect(doc.getState().connect(b, a)).toMatch(/loop/);
    expect(doc.getState().connect(a, a)).toMatch(/itself/);
    // a → c replaces a → b (a stage has one wire out).
    expect(doc.getState().connect(a, c)).toBeUndefined();
    expect(doc.getState().graph.wires.map((w) => w.id)).toEqual([`${a}->${c}`]);
    expect(doc.getState().connect(c, b)).toBeUndefined();
    expect(modules(doc)).toEqual([SPLIT.module, SUMMARIZE.module, COUNT.module]);
  });

  it('saves stages in the order of the chain, not of the canvas', async () => {
    const { doc, api } = await open({ [PATH]: serializePipeline({ ...DEFINITION, stages: [] }) });
    const last = doc.getState().addStage(SUMMARIZE, { position: { x: 600, y: 0 } });
    const first = doc.getState().addStage(SPLIT, { position: { x: 0, y: 0 } });
    const middle = doc.getState().addStage(COUNT, { position: { x: 300, y: 0 } });
    doc.getState().connect(middle, last);
    doc.getState().connect(first, middle);
    expect(await doc.getState().save()).toBe(true);
    expect((await readBack(api)).stages.map((s) => s.module)).toEqual([SPLIT.module, COUNT.module, SUMMARIZE.module]);
    expect(JSON.parse((await api.workspace.read(LAYOUT)).text)).toEqual({ stages: [{ x: 0, y: 0 }, { x: 300, y: 0 }, { x: 600, y: 0 }] });
    expect(doc.getState().dirty).toBe(false);
  });

  it('deleting a stage in the middle joins its neighbours', async () => {
    const { doc } = await open();
    doc.getState().addStage(SUMMARIZE, { after: 'chain' });
    const [, middle] = doc.getState().stageIds;
    doc.getState().select([middle]);
    doc.getState().deleteSelection();
    expect(modules(doc)).toEqual([SPLIT.module, SUMMARIZE.module]);
    expect(doc.getState().selectedStages).toEqual([]);
  });

  it('deletes selected wires, leaving the stage after them unconnected', async () => {
    const { doc } = await open();
    const wire = doc.getState().graph.wires[0].id;
    doc.getState().select([], [wire]);
    doc.getState().deleteSelection();
    expect(doc.getState().graph.wires).toEqual([]);
    expect(doc.getState().currentDefinition()).toEqual({ problem: expect.stringMatching(/^Stage 2 \(apps\/analytics\/count-words\) is not connected/) });
  });

  it('undoes and redoes every edit, and is clean again when back at the saved graph', async () => {
    const { doc } = await open();
    const saved = doc.getState().graph;
    const [a, b] = doc.getState().stageIds;
    doc.getState().addStage(SUMMARIZE, { after: 'chain' });
    doc.getState().moveStages([{ id: a, position: { x: 1, y: 1 } }], 'live');
    doc.getState().moveStages([{ id: a, position: { x: 2, y: 2 } }], 'live');
    doc.getState().moveStages([{ id: a, position: { x: 3, y: 3 } }], 'end');
    doc.getState().setStageConfiguration(b, [{ key: 'k', value: 'v' }], 'config:b:0:key');
    doc.getState().setStageConfiguration(b, [{ key: 'ke', value: 'v' }], 'config:b:0:key');
    doc.getState().deleteWires([doc.getState().graph.wires[0].id]);
    expect(doc.getState().history.past).toHaveLength(4);

    doc.getState().undo(); // the wire is back
    expect(doc.getState().graph.wires).toHaveLength(2);
    doc.getState().undo(); // both keystrokes in the key field at once
    expect(doc.getState().graph.stages[1].configuration).toEqual([{ key: 'apps.analytics.top', value: '3' }]);
    doc.getState().undo(); // the whole drag
    expect(doc.getState().graph.stages[0].position).toEqual(saved.stages[0].position);
    doc.getState().undo(); // the added stage
    expect(doc.getState().graph).toEqual(saved);
    expect(doc.getState().dirty).toBe(false);
    doc.getState().undo();
    expect(doc.getState().graph).toEqual(saved);

    doc.getState().redo();
    doc.getState().redo();
    expect(doc.getState().graph.stages[0].position).toEqual({ x: 3, y: 3 });
    expect(doc.getState().dirty).toBe(true);
    doc.getState().addStage(SPLIT, { position: { x: 0, y: 0 } });
    expect(doc.getState().history.future).toEqual([]);
  });

  it('lays the chain out left to right, stages off it on a row below', async () => {
    const { doc } = await open();
    const loose = doc.getState().addStage(SUMMARIZE, { position: { x: -500, y: -500 } });
    const [a, b] = doc.getState().stageIds;
    doc.getState().moveStages([{ id: b, position: { x: -900, y: 40 } }], 'end');
    doc.getState().autoLayout();
    const at = (id: string) => doc.getState().graph.stages.find((s) => s.id === id)!.position;
    expect(at(a).x).toBeLessThan(at(b).x);
    expect(at(a).y).toBe(at(b).y);
    expect(at(loose).y).toBeGreaterThan(at(a).y);
    doc.getState().undo();
    expect(at(b)).toEqual({ x: -900, y: 40 });
  });

  it('selects everything', async () => {
    const { doc } = await open();
    doc.getState().selectAll();
    expect(doc.getState().selectedStages).toEqual(doc.getState().stageIds);
    expect(doc.getState().selectedWires).toHaveLength(1);
  });

  it('refuses to save stages that would not run, and says why', async () => {
    const { doc, api, asked } = await open();
    doc.getState().addStage(SUMMARIZE, { position: { x: 0, y: 400 } });
    expect(await doc.getState().save()).toBe(false);
    expect(asked[0].title).toBe('This pipeline cannot be saved as it is');
    expect(asked[0].message).toMatch(/Stage 3 \(apps\/analytics\/summarize\) is not connected: it would not run\. Wire it into the chain or delete it\./);
    expect(await readBack(api)).toEqual(DEFINITION);
  });

  it('refuses configuration rows that are not a map', async () => {
    const { doc } = await open();
    const [a] = doc.getState().stageIds;
    doc.getState().setStageConfiguration(a, [{ key: 'x', value: '1' }, { key: 'x', value: '2' }]);
    expect(doc.getState().currentDefinition()).toEqual({ problem: 'stage 1 (tools/text/split-words): configuration key "x" is set twice: keep one.' });
    doc.getState().setStageConfiguration(a, [{ key: '', value: '' }]);
    expect('definition' in doc.getState().currentDefinition()).toBe(true);
    doc.getState().setGlobalConfig([{ key: '', value: 'lost' }]);
    expect(doc.getState().currentDefinition()).toEqual({ problem: expect.stringMatching(/^Pipeline settings: a configuration value "lost" has no key/) });
  });

  it('saves with the version it started from, and asks when someone else saved meanwhile', async () => {
    const { doc, api, asked } = await open(undefined, ['cancel', 'overwrite']);
    doc.getState().setDescription('mine');
    api.touch(PATH, serializePipeline({ ...DEFINITION, description: 'theirs' }));
    // Unsaved edits here: the change on disk is announced, not loaded.
    await vi.waitFor(() => expect(doc.getState().changedOnDisk).toBe('changed'));
    expect(doc.getState().graph.description).toBe('mine');

    expect(await doc.getState().save()).toBe(false);
    expect(asked[0].title).toBe('pipelines/words.json changed on disk');
    expect((await readBack(api)).description).toBe('theirs');

    expect(await doc.getState().save()).toBe(true);
    expect((await readBack(api)).description).toBe('mine');
    expect(doc.getState().changedOnDisk).toBeNull();
    expect(doc.getState().dirty).toBe(false);
  });

  it('reloads theirs on request after a conflict, with its own edits one undo away', async () => {
    const { doc, api } = await open(undefined, ['reload']);
    doc.getState().setDescription('mine');
    api.touch(PATH, serializePipeline({ ...DEFINITION, description: 'theirs' }));
    expect(await doc.getState().save()).toBe(false);
    await vi.waitFor(() => expect(doc.getState().graph.description).toBe('theirs'));
    expect(doc.getState().dirty).toBe(false);
    doc.getState().undo();
    expect(doc.getState().graph.description).toBe('mine');
  });

  it('reloads a clean document when its file changes on disk, keeping stage ids', async () => {
    const { doc, api } = await open();
    const ids = doc.getState().stageIds;
    api.touch(PATH, serializePipeline({ ...DEFINITION, stages: [...DEFINITION.stages, { module: SUMMARIZE.module, configuration: {}, inputSchema: null, outputSchema: null }] }));
    await vi.waitFor(() => expect(doc.getState().graph.stages).toHaveLength(3));
    expect(doc.getState().stageIds.slice(0, 2)).toEqual(ids);
    expect(doc.getState().dirty).toBe(false);
  });

  it('does not take its own saves for outside changes', async () => {
    const { doc } = await open();
    doc.getState().setDescription('mine');
    expect(await doc.getState().save()).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(doc.getState().changedOnDisk).toBeNull();
    expect(doc.getState().history.past).toHaveLength(1);
  });

  it('notices its file was deleted', async () => {
    const { doc, api } = await open();
    api.remove(PATH);
    await vi.waitFor(() => expect(doc.getState().changedOnDisk).toBe('deleted'));
    expect(doc.getState().dirty).toBe(true);
  });
});
