import { act, cleanup, createEvent, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parsePipelineFile, serializePipeline } from '../../../shared/studio/pipeline-file.js';
import type { MemoryStudioApi } from '../../../shared/studio/memory-api.js';
import { installKeyboard } from '../app/keyboard.js';
import { StudioContext, type Studio } from '../app/studio.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { pipelineCommands } from './commands.js';
import { pipelineDocOf } from './pipeline-doc-store.js';
import { openPipeline, pipelinesViewOf } from './pipelines-view-store.js';
import { PipelinesMain, PipelinesSidebar } from './PipelinesView.js';
import { COUNT_WORDS, installFlowDom, node, pipelineStudio, SPLIT_WORDS, stage, SUMMARIZE, UPPERCASE, WORDS_PIPELINE } from './test-modules.js';

const PATH = 'pipelines/words.json';

beforeAll(installFlowDom);

let stopKeyboard: (() => void) | undefined;
afterEach(() => {
  stopKeyboard?.();
  stopKeyboard = undefined;
  cleanup();
});

const settle = () => act(async () => await new Promise((r) => setTimeout(r, 0)));

async function renderView(world = pipelineStudio(), open: string | null = PATH): Promise<{ studio: Studio; api: MemoryStudioApi }> {
  const { studio } = world;
  studio.layout.getState().showView('pipelines');
  studio.commands.getState().register(...pipelineCommands(studio));
  stopKeyboard = installKeyboard(studio);
  render(
    <StudioContext.Provider value={studio}>
      <PipelinesSidebar />
      <PipelinesMain />
      <ConfirmDialog />
    </StudioContext.Provider>,
  );
  studio.workspace.getState().setWorkspace(await world.api.workspace.info(), await world.api.workspace.list());
  if (open) openPipeline(studio, open);
  await settle();
  await settle();
  return world;
}

const doc = (studio: Studio) => pipelineDocOf(studio, PATH);
const stageNodes = () => [...document.querySelectorAll<HTMLElement>('.stage-node')];
const markers = () => [...document.querySelectorAll<HTMLButtonElement>('.wire-marker-button')];
const key = (init: KeyboardEventInit & { code?: string }, target: EventTarget = window) => act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })));

/** The canvas's pan and zoom, from its viewport's transform. */
function viewport(): { tx: number; ty: number; scale: number } {
  const [, tx, ty, scale] = /translate\(([-\d.]+)px, ?([-\d.]+)px\) scale\(([\d.]+)\)/.exec(document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform)!.map(Number);
  return { tx, ty, scale };
}

/** Drags the palette item `name` matches and drops it on the canvas at (x, y). */
async function dropModule(name: RegExp, x: number, y: number): Promise<void> {
  const item = screen.getByRole('option', { name });
  const data = new Map<string, string>();
  const dataTransfer = {
    setData: (type: string, value: string) => data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
    get types() {
      return [...data.keys()];
    },
    effectAllowed: 'all',
    dropEffect: 'none',
  };
  fireEvent.dragStart(item, { dataTransfer });
  const canvas = document.querySelector('.pipelines-canvas')!;
  fireEvent.dragOver(canvas, { dataTransfer, clientX: x, clientY: y });
  // jsdom has no DragEvent: the pointer's position is set on the event by hand.
  const drop = createEvent.drop(canvas, { dataTransfer });
  Object.defineProperties(drop, { clientX: { value: x }, clientY: { value: y } });
  fireEvent(canvas, drop);
  await settle();
}

describe('the pipeline view', () => {
  it('lists the workspace\'s pipelines and the connected nodes\' modules by namespace', async () => {
    await renderView(pipelineStudio({ [PATH]: serializePipeline(WORDS_PIPELINE), 'pipelines/.layout/words.json': '{"stages": []}', 'requests/a.json': '{}' }), null);
    const files = within(screen.getByRole('region', { name: 'Pipelines in the workspace' }));
    expect(files.getAllByRole('button').filter((b) => b.classList.contains('pipelines-file')).map((b) => b.textContent)).toEqual(['words']);

    const palette = screen.getByRole('listbox', { name: 'Modules to add as stages' });
    expect(within(palette).getAllByRole('group').map((g) => g.getAttribute('aria-label'))).toEqual(['(top level)', 'apps/analytics', 'tools/text']);
    const split = within(palette).getByRole('option', { name: /split-words/ });
    expect(split.textContent).toContain('Text → Words');
    expect(split.textContent).toContain('Splits a text into its words.');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search modules' }), { target: { value: 'summ' } });
    expect(within(screen.getByRole('listbox')).getAllByRole('option').map((o) => o.id)).toEqual(['palette-apps_analytics_summarize']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search modules' }), { target: { value: 'zzz' } });
    expect(screen.getByText('No module matches "zzz".')).toBeTruthy();

    expect(screen.getByText(/Open a pipeline from the side bar/)).toBeTruthy();
    fireEvent.click(files.getByRole('button', { name: 'words' }));
    await settle();
    expect(stageNodes()).toHaveLength(3);
  });

  it('draws one node per stage and checks every wire against the target node\'s schemas', async () => {
    const { studio } = await renderView();
    expect(doc(studio).getState().target).toEqual({ connectionId: 'local', nodeId: 'n1' });
    expect(stageNodes().map((n) => n.getAttribute('aria-label'))).toEqual([
      'Stage tools/text/uppercase, step 1',
      'Stage tools/text/split-words, step 2',
      'Stage apps/analytics/summarize, step 3',
    ]);
    expect(stageNodes()[1].querySelector('.stage-node-schemas')?.textContent).toBe('TextWords');
    expect(screen.getByRole('combobox', { name: 'Target node' })).toHaveProperty('value', 'local/n1');
    // Wires are named by their stages' modules, not React Flow's internal ids.
    expect([...document.querySelectorAll('.react-flow__edge')].map((e) => e.getAttribute('aria-label'))).toEqual([
      'Wire from tools/text/uppercase to tools/text/split-words',
      'Wire from tools/text/split-words to apps/analytics/summarize',
    ]);

    const [fits, breaks] = markers();
    expect(fits.getAttribute('aria-label')).toBe('Schemas fit: Text reads Text: the schemas resolve.');
    expect(breaks.getAttribute('aria-label')).toBe('Schemas do not fit: WordCounts cannot read Words:');
    expect(document.querySelectorAll('.typed-wire.is-mismatch')).toHaveLength(1);
    expect(screen.queryByRole('tooltip')).toBeNull();
    fireEvent.focus(breaks);
    const tip = screen.getByRole('tooltip');
    expect(breaks.getAttribute('aria-describedby')).toBe(tip.id);
    expect(within(tip).getAllByRole('listitem').map((li) => li.textContent)[0]).toMatch(/^WordCounts/);
    fireEvent.blur(breaks);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('says "checking…" until the node has described its modules', async () => {
    let answer!: () => void;
    const world = pipelineStudio();
    const describe = world.api.describe.modules.bind(world.api.describe);
    world.api.describe.modules = (c, n) => new Promise((resolve) => (answer = () => resolve(describe(c, n))));
    await renderView(world);
    expect(markers().map((m) => m.textContent)).toEqual(['checking…', 'checking…']);
    await act(async () => answer());
    await settle();
    expect(markers().map((m) => m.getAttribute('aria-label')?.split(':')[0])).toEqual(['Schemas fit', 'Schemas do not fit']);
  });

  it('appends the palette\'s selected module from the keyboard, wired after the last stage', async () => {
    const { studio } = await renderView();
    const search = screen.getByRole('searchbox', { name: 'Search modules' });
    fireEvent.change(search, { target: { value: 'words' } });
    // count-words, split-words (and join-words): Down selects the second.
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(search.getAttribute('aria-activedescendant')).toBe('palette-tools_text_join-words');
    fireEvent.keyDown(search, { key: 'ArrowUp' });
    fireEvent.keyDown(search, { key: 'Enter' });
    await settle();
    expect(stageNodes()).toHaveLength(4);
    const current = doc(studio).getState().currentDefinition();
    expect('definition' in current && current.definition.stages.map((s) => s.module)).toEqual([UPPERCASE.module, SPLIT_WORDS.module, SUMMARIZE.module, COUNT_WORDS.module]);
    expect(stageNodes()[3].getAttribute('aria-label')).toBe('Stage apps/analytics/count-words, step 4');
  });

  it('adds a stage where a palette item is dropped, unconnected and flagged until wired', async () => {
    const { studio } = await renderView();
    await dropModule(/count-words/, 400, 300);
    expect(stageNodes()).toHaveLength(4);
    const dropped = stageNodes()[3];
    expect(dropped.getAttribute('aria-label')).toBe('Stage apps/analytics/count-words, not connected');
    expect(dropped.textContent).toContain('not connected: it will not run');
    // Where the pointer is in flow coordinates, less the offset of a node held by its title.
    const { tx, ty, scale } = viewport();
    const at = doc(studio).getState().graph.stages[3].position;
    expect(at.x).toBeCloseTo((400 - tx) / scale - 20);
    expect(at.y).toBeCloseTo((300 - ty) / scale - 16);
  });

  it('keeps the first stage dropped on an empty pipeline where it was dropped (no fit to it)', async () => {
    const empty = 'pipelines/fresh.json';
    const { studio } = await renderView(pipelineStudio({ [empty]: serializePipeline({ name: 'fresh', stages: [], globalConfig: {}, description: null }) }), empty);
    const before = viewport();
    await dropModule(/split-words/, 300, 200);
    await settle();
    expect(stageNodes()).toHaveLength(1);
    // The view did not move to fit the new stage: it is still under the pointer.
    expect(viewport()).toEqual(before);
    const at = pipelineDocOf(studio, empty).getState().graph.stages[0].position;
    expect(at.x * before.scale + before.tx).toBeCloseTo(300 - 20 * before.scale);
    expect(at.y * before.scale + before.ty).toBeCloseTo(200 - 16 * before.scale);
  });

  it('shows the selected stage: configuration, schemas and its wire checks with reasons', async () => {
    const { studio } = await renderView();
    const split = doc(studio).getState().stageIds[1];
    act(() => doc(studio).getState().select([split]));
    const panel = screen.getByRole('region', { name: 'Stage tools/text/split-words' });
    expect(panel.textContent).toContain('Stage 2 of 3');
    expect(panel.textContent).toContain('Splits a text into its words.');
    expect(within(panel).getByRole('tree', { name: 'Input of tools/text/split-words' })).toBeTruthy();
    expect(within(panel).getByRole('tree', { name: 'Output of tools/text/split-words' })).toBeTruthy();
    const wires = within(panel).getByRole('region', { name: 'Wires' });
    expect(wires.textContent).toContain('In from tools/text/uppercase: Text reads Text: the schemas resolve.');
    expect(wires.textContent).toContain('Out to apps/analytics/summarize: WordCounts cannot read Words:');
    expect(within(wires).getAllByRole('listitem').length).toBeGreaterThan(0);

    fireEvent.click(within(panel).getByRole('button', { name: 'Add entry' }));
    fireEvent.change(within(panel).getByRole('textbox', { name: /^Key 1 of/ }), { target: { value: 'lang' } });
    fireEvent.change(within(panel).getByRole('textbox', { name: /^Value 1 of/ }), { target: { value: 'en' } });
    const current = doc(studio).getState().currentDefinition();
    expect('definition' in current && current.definition.stages[1].configuration).toEqual({ lang: 'en' });

    fireEvent.click(within(panel).getByRole('button', { name: 'Delete stage' }));
    expect(stageNodes()).toHaveLength(2);
    expect(screen.getByRole('region', { name: 'Pipeline words' })).toBeTruthy();
  });

  it('edits the pipeline\'s description and settings when no stage is selected', async () => {
    const { studio } = await renderView();
    const panel = screen.getByRole('region', { name: 'Pipeline words' });
    fireEvent.change(within(panel).getByRole('textbox', { name: 'Description' }), { target: { value: 'Counts words, loudly.' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add entry' }));
    fireEvent.change(within(panel).getByRole('textbox', { name: 'Key 1 of Pipeline settings' }), { target: { value: 'apps.analytics.top' } });
    fireEvent.change(within(panel).getByRole('textbox', { name: 'Value 1 of Pipeline settings' }), { target: { value: '5' } });
    const current = doc(studio).getState().currentDefinition();
    expect('definition' in current && current.definition).toMatchObject({ description: 'Counts words, loudly.', globalConfig: { 'apps.analytics.top': '5' } });
  });

  it('undoes, redoes, deletes and selects all from the keyboard, but leaves text fields their keys', async () => {
    const { studio } = await renderView();
    const [first] = doc(studio).getState().stageIds;
    act(() => doc(studio).getState().select([first]));
    await key({ key: 'Delete' });
    expect(stageNodes()).toHaveLength(2);
    await key({ key: 'z', code: 'KeyZ', ctrlKey: true });
    expect(stageNodes()).toHaveLength(3);
    await key({ key: 'Z', code: 'KeyZ', ctrlKey: true, shiftKey: true });
    expect(stageNodes()).toHaveLength(2);
    await key({ key: 'y', code: 'KeyY', ctrlKey: true });
    await key({ key: 'z', code: 'KeyZ', ctrlKey: true });
    expect(stageNodes()).toHaveLength(3);

    await key({ key: 'a', code: 'KeyA', ctrlKey: true });
    expect(doc(studio).getState().selectedStages).toHaveLength(3);
    const description = screen.getByRole('textbox', { name: 'Description' });
    description.focus();
    await key({ key: 'Backspace' }, description);
    expect(stageNodes()).toHaveLength(3);
  });

  it('saves with Mod+S, and after someone else\'s save asks whether to overwrite', async () => {
    const { studio, api } = await renderView();
    act(() => doc(studio).getState().setDescription('Mine.'));
    expect(screen.getByLabelText('Unsaved changes')).toBeTruthy();
    api.touch(PATH, serializePipeline({ ...WORDS_PIPELINE, description: 'Theirs.' }));
    await settle();
    expect(screen.getByRole('status').textContent).toContain('changed on disk while you have unsaved changes here');

    await key({ key: 's', code: 'KeyS', ctrlKey: true });
    await settle();
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('pipelines/words.json changed on disk');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Overwrite' }));
    await settle();
    const saved = parsePipelineFile((await api.workspace.read(PATH)).text, PATH);
    expect('definition' in saved && saved.definition.description).toBe('Mine.');
    expect(screen.queryByLabelText('Unsaved changes')).toBeNull();
    expect(JSON.parse((await api.workspace.read('pipelines/.layout/words.json')).text).stages).toHaveLength(3);
  });

  it('explains why a pipeline with a stage off the chain cannot be saved', async () => {
    const { studio, api } = await renderView();
    const before = (await api.workspace.read(PATH)).text;
    act(() => void doc(studio).getState().addStage(COUNT_WORDS, { position: { x: 0, y: 400 } }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await settle();
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('This pipeline cannot be saved as it is');
    expect(dialog.textContent).toContain('Stage 4 (apps/analytics/count-words) is not connected: it would not run.');
    expect((await api.workspace.read(PATH)).text).toBe(before);
  });

  it('reloads a clean pipeline when its file changes on disk', async () => {
    const { api } = await renderView();
    api.touch(PATH, serializePipeline({ ...WORDS_PIPELINE, stages: [stage(UPPERCASE)] }));
    await settle();
    await settle();
    expect(stageNodes()).toHaveLength(1);
  });

  it('creates a pipeline by name and opens it', async () => {
    const { studio, api } = await renderView(undefined, null);
    fireEvent.click(screen.getByRole('button', { name: 'New pipeline' }));
    const name = screen.getByRole('textbox', { name: 'New pipeline name' });
    fireEvent.change(name, { target: { value: 'words' } });
    fireEvent.keyDown(name, { key: 'Enter' });
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('There is a pipeline named "words" already: pick another name, or open that one.');
    fireEvent.change(name, { target: { value: 'fresh' } });
    fireEvent.keyDown(name, { key: 'Enter' });
    await settle();
    await settle();
    expect(parsePipelineFile((await api.workspace.read('pipelines/fresh.json')).text, 'x')).toEqual({ definition: { name: 'fresh', stages: [], globalConfig: {}, description: null } });
    expect(pipelinesViewOf(studio).getState().active).toBe('pipelines/fresh.json');
    expect(screen.getByText(/Drag a module from the palette onto the canvas/)).toBeTruthy();
  });

  it('shows where a broken file is wrong, and offers the editor', async () => {
    await renderView(pipelineStudio({ [PATH]: '{"name": "words"}' }));
    expect(screen.getByRole('alert').textContent).toMatch(/^pipelines\/words\.json:1:1: at stages: missing field "stages"/);
    expect(screen.getByRole('button', { name: 'Open in Editor' })).toBeTruthy();
  });

  it('lets the user pick the target node, and keeps that choice', async () => {
    const world = pipelineStudio(undefined, {
      nodes: [
        node('n1', [UPPERCASE, SPLIT_WORDS, SUMMARIZE]),
        node('n2', [UPPERCASE]),
      ],
      modules: { 'local/n1': [UPPERCASE, SPLIT_WORDS, SUMMARIZE], 'local/n2': [UPPERCASE] },
    });
    const { studio } = await renderView(world);
    const picker = screen.getByRole('combobox', { name: 'Target node' });
    fireEvent.change(picker, { target: { value: 'local/n2' } });
    await settle();
    expect(doc(studio).getState()).toMatchObject({ target: { connectionId: 'local', nodeId: 'n2' }, targetPicked: true });
    expect(markers()[1].getAttribute('aria-label')).toMatch(/^Not checked: .*n2 has no module tools\/text\/split-words or apps\/analytics\/summarize/);
    expect(stageNodes()[1].textContent).toContain('not on n2');
  });
});
