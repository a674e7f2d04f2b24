import { describe, expect, it } from 'vitest';
import { parseAvroJsonText, type RuntimeObject } from '../../../../shared/avro/avro-json.js';
import { StudioError } from '../../../../shared/studio/api.js';
import { pipelineDefinitionSchema } from '../../../../shared/studio/pipeline-file.js';
import { pipelineRunOf } from './run-store.js';
import { createRunWorld, DOC_ID, releaseAll, textResponse } from './test-world.js';

describe('the run store', () => {
  it('is one per studio and document', async () => {
    const world = await createRunWorld();
    expect(pipelineRunOf(world.studio, DOC_ID)).toBe(pipelineRunOf(world.studio, DOC_ID));
    expect(pipelineRunOf(world.studio, 'pipelines/other.json')).not.toBe(pipelineRunOf(world.studio, DOC_ID));
  });

  it('sends the canvas definition, the input and the context, and keeps each stage result under its stage id', async () => {
    const world = await createRunWorld();
    const run = pipelineRunOf(world.studio, DOC_ID);
    run.getState().setInput('{"string": "hello"}');
    run.getState().addContext({ key: 'trace', value: 't-1' });
    run.getState().addContext({ key: 'off', value: 'x', enabled: false });
    const result = await releaseAll(world, run.getState().run());

    expect(result?.outcome).toBe('ok');
    const sent = world.runs[0];
    expect(sent).toMatchObject({ connectionId: 'local', nodeId: 'n1', input: '{"string": "hello"}', context: { trace: 't-1' } });
    expect(sent.pins).toBeUndefined();
    // The definition is PipelineDefinition's Avro JSON, as a node reads it.
    const definition = parseAvroJsonText(pipelineDefinitionSchema(), sent.definition) as RuntimeObject;
    expect((definition.stages as RuntimeObject[]).map((s) => s.module)).toEqual(['demo/upper', 'demo/reverse', 'demo/shout']);

    const ids = world.doc.getState().stageIds;
    const state = run.getState();
    expect(ids.map((id) => state.results[id]?.state)).toEqual(['ok', 'ok', 'ok']);
    expect(state.results[ids[1]].output).toBe(textResponse('demo/reverse', 1));
    expect(state.runStages.map((s) => s.module)).toEqual(['demo/upper', 'demo/reverse', 'demo/shout']);
    expect(state.last).toMatchObject({ outcome: 'ok', durationMs: 42.5, output: textResponse('demo/shout', 1), target: { connectionId: 'local', nodeId: 'n1' } });
    expect(state.runId).toBeNull();
  });

  it('maps pins from stage ids to indices when it sends, so reordering the chain keeps each pin on its stage', async () => {
    const world = await createRunWorld();
    const run = pipelineRunOf(world.studio, DOC_ID);
    await releaseAll(world, run.getState().run());
    const [s1, s2, s3] = world.doc.getState().stageIds;

    expect(run.getState().pin(s1)).toBe(true);
    const pinned = run.getState().pins[s1];
    expect(pinned).toBe(textResponse('demo/upper', 1));

    // s2 → s1 → s3: the pinned stage moves from index 0 to index 1.
    const doc = world.doc.getState();
    doc.deleteWires(world.doc.getState().graph.wires.map((w) => w.id));
    expect(world.doc.getState().connect(s2, s1)).toBeUndefined();
    expect(world.doc.getState().connect(s1, s3)).toBeUndefined();
    expect(run.getState().prepare()).toMatchObject({ request: { pins: { '1': pinned } }, stages: [{ id: s2 }, { id: s1 }, { id: s3 }] });

    world.answer = (index, module) => ({ output: textResponse(`${module} second`, index), durationMs: 5 });
    await releaseAll(world, run.getState().run());
    expect(world.runs[1].pins).toEqual({ '1': pinned });
    const results = run.getState().results;
    // Results come back to the stages they belong to, whatever their new places.
    expect(results[s1]).toMatchObject({ index: 1, module: 'demo/upper', state: 'pinned', output: pinned });
    expect(results[s2]).toMatchObject({ index: 0, module: 'demo/reverse', state: 'ok', output: textResponse('demo/reverse second', 0) });
    expect(results[s3]).toMatchObject({ index: 2, state: 'ok' });

    run.getState().unpin(s1);
    const prepared = run.getState().prepare();
    expect('request' in prepared && prepared.request.pins).toBeUndefined();
  });

  it('pins only what a stage answered', async () => {
    const world = await createRunWorld();
    world.answer = (index, module) => (index === 1 ? { error: 'the text was too long', errorType: 'spl.common.ExecutionError' } : { output: textResponse(module, 1) });
    const run = pipelineRunOf(world.studio, DOC_ID);
    const [s1, s2, s3] = world.doc.getState().stageIds;
    expect(run.getState().pin(s1)).toBe(false);
    await releaseAll(world, run.getState().run());
    expect(run.getState().last?.outcome).toBe('error');
    expect(run.getState().results[s2]).toMatchObject({ state: 'error', error: 'the text was too long' });
    expect(run.getState().results[s3]).toMatchObject({ state: 'skipped' });
    expect(run.getState().pin(s2)).toBe(false);
    expect(run.getState().pin(s3)).toBe(false);
    expect(run.getState().pin(s1)).toBe(true);
  });

  it('shows each stage as its progress events arrive', async () => {
    const world = await createRunWorld();
    const run = pipelineRunOf(world.studio, DOC_ID);
    const [s1, s2] = world.doc.getState().stageIds;
    const running = run.getState().run();
    expect(await world.waiting()).toBe(0);
    expect(run.getState().runId).not.toBeNull();
    expect(run.getState().results[s1]).toMatchObject({ state: 'running' });
    expect(run.getState().results[s2]).toBeUndefined();
    world.release();
    expect(await world.waiting()).toBe(1);
    expect(run.getState().results[s1]).toMatchObject({ state: 'ok', durationMs: 12 });
    expect(run.getState().results[s2]).toMatchObject({ state: 'running' });
    world.release();
    await world.waiting();
    world.release();
    await running;
    expect(Object.keys(run.getState().results)).toHaveLength(3);
  });

  it('cancels the run in flight: the stages after it do not run and the outcome says so', async () => {
    const world = await createRunWorld();
    const run = pipelineRunOf(world.studio, DOC_ID);
    const [s1, s2, s3] = world.doc.getState().stageIds;
    const running = run.getState().run();
    await world.waiting();
    world.release();
    expect(await world.waiting()).toBe(1);
    await run.getState().cancel();
    expect(run.getState().cancelling).toBe(true);
    expect(await running).toMatchObject({ outcome: 'error' });
    const state = run.getState();
    expect(state.runId).toBeNull();
    expect(state.cancelling).toBe(false);
    expect(state.last).toMatchObject({ outcome: 'cancelled' });
    expect(state.last?.output).toBeUndefined();
    // The stage running when the user cancelled was stopped; the one after it never ran.
    expect(state.results[s1]).toMatchObject({ state: 'ok' });
    expect(state.results[s2]).toMatchObject({ state: 'error', error: 'cancelled while this stage ran (on http://127.0.0.1:7400)' });
    expect(state.results[s3]).toMatchObject({ state: 'skipped' });
  });

  it('says why a run cannot go: no node, a pipeline the canvas cannot make, an input that does not fit, a context key twice', async () => {
    const world = await createRunWorld();
    const run = pipelineRunOf(world.studio, DOC_ID);

    run.getState().setInput('{"int": 3}');
    expect(await run.getState().run()).toBeNull();
    expect(run.getState().error).toMatch(/^The input is not a valid ExecuteRequest value: .*int/);

    run.getState().setInput('null');
    run.getState().addContext({ key: 'k', value: '1' });
    run.getState().addContext({ key: 'k', value: '2' });
    await run.getState().run();
    expect(run.getState().error).toBe('The context sets "k" twice: remove or switch off one of the rows.');
    run.getState().updateContext(run.getState().context[1].id, { enabled: false });

    world.doc.getState().deleteWires([world.doc.getState().graph.wires[0].id]);
    await run.getState().run();
    expect(run.getState().error).toMatch(/not connected/);
    world.doc.getState().undo();

    world.doc.getState().setTarget(null, true);
    await run.getState().run();
    expect(run.getState().error).toBe('Pick the node to run on first (the target above the canvas).');
    expect(world.runs).toHaveLength(0);
  });

  it('reports a run the host could not carry out', async () => {
    const world = await createRunWorld({
      runPipeline: async () => {
        throw new StudioError('internal', 'the node closed the connection');
      },
    });
    const run = pipelineRunOf(world.studio, DOC_ID);
    expect(await run.getState().run()).toBeNull();
    expect(run.getState().error).toBe('The run could not be carried out on n1: the node closed the connection');
    expect(run.getState().runId).toBeNull();
  });

  it('registers the pipeline, lists the node again, and shows a refusal with its stage and field paths', async () => {
    const world = await createRunWorld();
    const run = pipelineRunOf(world.studio, DOC_ID);
    await run.getState().loadNodePipelines();
    expect(run.getState().nodePipelines).toMatchObject({ key: 'local/n1', status: 'ready', names: ['existing'] });

    expect(await run.getState().register()).toBe(true);
    expect(run.getState().registered).toBe('Registered demo on n1.');
    expect(run.getState().nodePipelines?.names).toEqual(['demo', 'existing']);
    expect(parseAvroJsonText(pipelineDefinitionSchema(), world.pipelines['local/n1'].demo)).toMatchObject({ name: 'demo' });

    world.api.pipelines.register = async () => {
      throw new StudioError('invalid-argument', 'INVALID_PIPELINE: stages[1] (demo/reverse): inputSchema demo.Words cannot read stages[0].outputSchema demo.Text: field words is missing');
    };
    expect(await run.getState().register()).toBe(false);
    expect(run.getState().registerError).toBe('n1 refused demo: INVALID_PIPELINE: stages[1] (demo/reverse): inputSchema demo.Words cannot read stages[0].outputSchema demo.Text: field words is missing');
    expect(run.getState().registered).toBeNull();
  });

  it('reads a registered pipeline from the node, and says why it cannot', async () => {
    const world = await createRunWorld();
    const run = pipelineRunOf(world.studio, DOC_ID);
    expect(await run.getState().fetchNodePipeline('existing')).toBe(world.pipelines['local/n1'].existing);
    expect(await run.getState().fetchNodePipeline('missing')).toBeUndefined();
    expect(world.studio.notifications.getState().items.at(-1)?.message).toBe("Could not read pipeline missing from n1: no pipeline 'missing' on n1");
  });
});
