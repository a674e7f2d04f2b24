import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StudioContext } from '../app/studio.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ML, containerNetwork, containerNode, summary } from '../containers/test-containers.js';
import { explorerStoreOf } from './explorer-store.js';
import { ExplorerMain, ExplorerSidebar } from './ExplorerView.js';
import { networkStudio } from './test-studio.js';

afterEach(cleanup);

const settle = () => act(async () => await new Promise((r) => setTimeout(r, 0)));

async function renderExplorer() {
  const fake = networkStudio(containerNetwork());
  const open = vi.fn();
  // The composer is another part's store: the explorer only calls its `open`.
  (fake.studio as unknown as { composer: unknown }).composer = { getState: () => ({ open }) };
  render(
    <StudioContext.Provider value={fake.studio}>
      <ExplorerSidebar />
      <ExplorerMain />
      <ConfirmDialog />
    </StudioContext.Provider>,
  );
  await settle();
  return { ...fake, open };
}

const tree = () => screen.getByRole('tree', { name: 'Services' });
const rows = () => within(tree()).getAllByRole('treeitem');
const labels = () => rows().map((r) => r.querySelector('.tree-label')?.textContent);
const levels = () => rows().map((r) => `${r.getAttribute('aria-level')} ${r.querySelector('.tree-label')?.textContent}`);
const row = (label: string) => rows().find((r) => r.querySelector('.tree-label')?.textContent === label)!;
const main = () => within(screen.getByRole('region', { name: 'Service details' }));
const ML_NODE = 'h1/a1b2c3d4e5f6';

async function click(label: string) {
  fireEvent.click(row(label));
  await settle();
}

describe('the service explorer with containers', () => {
  it('nests container nodes under their host: host → Containers → node → protocols → messages', async () => {
    await renderExplorer();
    expect(labels()).toEqual(['Local runtime', 'n1', 'h1', 'Production', 'n2']);
    await click('h1');
    expect(labels()).toEqual(['Local runtime', 'n1', 'h1', 'shop.OrderService', 'Containers', 'Production', 'n2']);
    expect(within(row('Containers')).getByLabelText('1 container node')).toBeTruthy();
    await click('Containers');
    await click(ML_NODE);
    await click('spl.test.Ping');
    expect(levels()).toEqual([
      '1 Local runtime',
      '2 n1',
      '2 h1',
      '3 shop.OrderService',
      '3 Containers',
      `4 ${ML_NODE}`,
      '5 spl.test.Ping',
      '6 ping',
      '1 Production',
      '2 n2',
    ]);
    const container = row(ML_NODE);
    expect(within(container).getByRole('img', { name: 'container' })).toBeTruthy();
    expect(within(container).getByText('localhost/spl-ml:2.0')).toBeTruthy();
    expect(container.title).toBe(`${ML_NODE} at http://127.0.0.1:7411, in a container of h1 running localhost/spl-ml:2.0 (running)`);
    // Left from the container node goes up to the group.
    act(() => container.focus());
    fireEvent.keyDown(tree(), { key: 'ArrowLeft' });
    expect(labels()).not.toContain('spl.test.Ping');
    fireEvent.keyDown(tree(), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(row('Containers'));
  });

  it('browses a container node\'s messages like any node\'s, into the composer', async () => {
    const { open } = await renderExplorer();
    await click('h1');
    await click('Containers');
    await click(ML_NODE);
    await click('spl.test.Ping');
    await click('ping');
    expect(main().getByRole('heading', { level: 1, name: 'ping' })).toBeTruthy();
    fireEvent.click(main().getByRole('button', { name: /Open in Composer/ }));
    expect(open).toHaveBeenCalledWith({ connectionId: 'local', nodeId: ML_NODE, protocol: 'spl.test.Ping', message: 'ping' });
  });

  it('says which node runs a container node, with its image and state', async () => {
    const { studio } = await renderExplorer();
    await click('h1');
    await click('Containers');
    await click(ML_NODE);
    const pane = main();
    expect(pane.getByRole('heading', { level: 1, name: ML_NODE })).toBeTruthy();
    expect(pane.getByText('in a container of h1, on Local runtime')).toBeTruthy();
    const facts = Object.fromEntries([...document.querySelectorAll('.details-fact')].map((f) => [f.querySelector('dt')!.textContent, f.querySelector('dd')!.textContent]));
    expect(facts).toMatchObject({ 'Runs on': 'h1', Image: 'localhost/spl-ml:2.0', Status: 'running', Container: 'a1b2c3d4e5f6' });
    fireEvent.click(pane.getByRole('button', { name: 'h1' }));
    await settle();
    expect(explorerStoreOf(studio).getState().selected).toEqual({ connectionId: 'local', nodeId: 'h1' });
    expect(row('h1').getAttribute('aria-selected')).toBe('true');
  });

  it('lists a host\'s container nodes in its details, and leads to its containers', async () => {
    await renderExplorer();
    await click('h1');
    const nodes = within(main().getByRole('table', { name: 'Container nodes of h1' }));
    expect(nodes.getAllByRole('row').map((r) => r.textContent)).toEqual(['NodeImageStatusEndpoint', `${ML_NODE}localhost/spl-ml:2.0runninghttp://127.0.0.1:7411`]);
    fireEvent.click(main().getByRole('button', { name: 'Start or stop containers on h1' }));
    await settle();
    expect(row('Containers').getAttribute('aria-selected')).toBe('true');
    expect(main().getByRole('heading', { level: 1, name: 'Containers' })).toBeTruthy();
    // The engine's containers, with Stop and the form to start one.
    expect(within(main().getByRole('list', { name: 'Containers of h1' })).getAllByRole('listitem')).toHaveLength(2);
    expect(main().getByRole('form', { name: 'Start a container on h1' })).toBeTruthy();

    fireEvent.click(within(main().getByRole('table', { name: 'Container nodes of h1' })).getByRole('button', { name: ML_NODE }));
    await settle();
    expect(row(ML_NODE).getAttribute('aria-selected')).toBe('true');
  });

  it('tells that the new container\'s node will show under Containers', async () => {
    const { api } = await renderExplorer();
    await click('h1');
    await click('Containers');
    const form = within(main().getByRole('form', { name: 'Start a container on h1' }));
    fireEvent.change(form.getByLabelText('Image'), { target: { value: 'localhost/spl-node:0.1.0' } });
    fireEvent.click(form.getByRole('button', { name: 'Start container' }));
    await settle();
    expect(form.getByRole('status').textContent).toContain('Its node appears in the Services tree, under Containers within a poll.');
    const listed = await api.cluster.nodes('local');
    act(() => api.setNodes('local', [...listed, containerNode(summary('feedfacecafebeef', 'localhost/spl-node:0.1.0'))]));
    await settle();
    expect(labels()).toContain('h1/feedfacecafe');
    fireEvent.click(form.getByRole('button', { name: 'Show it' }));
    await settle();
    expect(row('h1/feedfacecafe').getAttribute('aria-selected')).toBe('true');
  });

  it('shows a container node whose host is not listed beside the others', async () => {
    const { api } = await renderExplorer();
    act(() => api.setNodes('local', [containerNode(ML)]));
    await settle();
    expect(levels()).toEqual(['1 Local runtime', `2 ${ML_NODE}`, '1 Production', '2 n2']);
    await click(ML_NODE);
    expect(main().getByText(/\(not listed now\)/)).toBeTruthy();
  });

  it('offers a Containers group on a node with an engine that runs none yet, and none without an engine', async () => {
    const { api } = await renderExplorer();
    const listed = await api.cluster.nodes('local');
    act(() => api.setNodes('local', listed.filter((n) => !n.container)));
    await settle();
    await click('h1');
    await click('Containers');
    expect(labels()).toContain('No container nodes yet: select Containers to start one.');
    await click('n1');
    expect(levels().filter((l) => l.endsWith('Containers'))).toEqual(['3 Containers']);
    expect(main().queryByRole('region', { name: 'Containers' })).toBeNull();
  });
});
