import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClusterNode } from '../../../shared/studio/api.js';
import { StudioContext } from '../app/studio.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ML_ID, NEW_ID, containerNetwork, containerNode, summary } from '../containers/test-containers.js';
import { node } from '../explorer/test-network.js';
import { networkStudio } from '../explorer/test-studio.js';
import { ClusterMain, ClusterSidebar } from './ClusterView.js';
import { ROW_HEIGHT } from './NodeTable.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const settle = () => act(async () => await new Promise((r) => setTimeout(r, 0)));

async function renderCluster(nodes?: ClusterNode[]) {
  const fake = networkStudio(nodes ? { nodes } : {});
  const { container } = render(
    <StudioContext.Provider value={fake.studio}>
      <ClusterSidebar />
      <ClusterMain />
      <ConfirmDialog />
    </StudioContext.Provider>,
  );
  await settle();
  return { ...fake, container };
}

const dataRows = () => [...document.querySelectorAll<HTMLTableRowElement>('tr.node-row')];
const ids = () => dataRows().map((r) => r.querySelector('.node-id')!.textContent);
const header = (name: string) => screen.getByRole('columnheader', { name: new RegExp(`^${name}`) });
const count = () => screen.getByRole('status').textContent;

function many(n: number): ClusterNode[] {
  return Array.from({ length: n }, (_, i) =>
    node('local', `node-${String(i).padStart(3, '0')}`, {
      endpoint: `http://10.0.${Math.floor(i / 250)}.${i % 250}:7400`,
      capabilities: { zone: i % 2 ? 'b' : 'a' },
      availableModules: i % 10 === 0 ? ['echo', 'sort'] : ['echo'],
    }),
  );
}

describe('the cluster browser', () => {
  it('lists the connections with their states and node counts', async () => {
    await renderCluster();
    const list = within(screen.getByRole('list', { name: 'Connections' }));
    const picks = [...document.querySelectorAll('.cluster-connection-pick')].map((b) => b.textContent);
    expect(picks).toEqual(['All connections2', 'Local runtime1', 'Production1']);
    expect(list.getByRole('button', { name: /^All connections/ }).getAttribute('aria-pressed')).toBe('true');
    expect(list.getByRole('img', { name: 'Not connected' })).toBeTruthy();
    expect(count()).toBe('2 of 2 nodes');

    fireEvent.click(list.getByRole('button', { name: /Production 1 node/ }));
    expect(ids()).toEqual(['n2']);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Production');
    // One connection's nodes need no connection column.
    expect(screen.queryByRole('columnheader', { name: /^Connection/ })).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('Production: etcd at http://10.0.0.1:2379 refused the connection');
  });

  it('shows each node\'s endpoint, modules, capabilities, health and drift', async () => {
    await renderCluster([
      node('local', 'a', { availableModules: ['echo', 'sort'], capabilities: { zone: 'a', gpu: '1' } }),
      node('local', 'b', { health: 'unreachable', healthError: 'connection refused', drift: { 'shop.OrderService': 'same' } }),
      node('local', 'c', { drift: { 'shop.OrderService': 'not-in-workspace' } }),
    ]);
    const [a, b, c] = dataRows();
    const cells = (row: HTMLTableRowElement) => [...row.cells].map((cell) => cell.textContent);
    expect(cells(a!)).toEqual(['a', 'Local runtime', 'http://127.0.0.1:7401', '2', 'zone=agpu=1', 'just now', 'up', '1 differ']);
    expect(a!.cells[3]!.title).toBe('echo\nsort');
    expect(cells(b!)[6]).toBe('unreachable');
    expect(b!.querySelector('.node-health')!.getAttribute('title')).toBe('connection refused');
    expect(cells(b!)[7]).toBe('in sync');
    expect(cells(c!)[7]).toBe('not in workspace');
  });

  it('sorts by any column, both ways', async () => {
    await renderCluster([
      node('local', 'n10', { availableModules: ['a'] }),
      node('local', 'n2', { availableModules: ['a', 'b', 'c'] }),
      node('local', 'n1', { availableModules: ['a', 'b'] }),
    ]);
    expect(ids()).toEqual(['n1', 'n2', 'n10']);
    expect(header('Node').getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(header('Node')).getByRole('button'));
    expect(ids()).toEqual(['n10', 'n2', 'n1']);
    expect(header('Node').getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(within(header('Modules')).getByRole('button'));
    expect(header('Node').getAttribute('aria-sort')).toBe('none');
    expect(header('Modules').getAttribute('aria-sort')).toBe('ascending');
    expect(ids()).toEqual(['n10', 'n1', 'n2']);
  });

  it('filters by id, endpoint, module and capability', async () => {
    await renderCluster(many(20));
    const filter = screen.getByRole('searchbox', { name: 'Filter nodes' });
    fireEvent.change(filter, { target: { value: 'zone=b' } });
    expect(count()).toBe('10 of 20 nodes');
    fireEvent.change(filter, { target: { value: 'SORT' } });
    expect(ids()).toEqual(['node-000', 'node-010']);
    fireEvent.change(filter, { target: { value: '10.0.0.7: zone=b' } });
    expect(ids()).toEqual(['node-007']);
    fireEvent.change(filter, { target: { value: 'nothing-like-this' } });
    expect(screen.getByText('No node matches "nothing-like-this".')).toBeTruthy();
    fireEvent.keyDown(filter, { key: 'Escape' });
    expect(count()).toBe('20 of 20 nodes');
  });

  it('renders only the rows in view of 200 nodes, and others as it scrolls', async () => {
    await renderCluster(many(200));
    expect(count()).toBe('200 of 200 nodes');
    const first = dataRows().length;
    expect(first).toBeGreaterThan(10);
    expect(first).toBeLessThan(60);
    expect(ids()).toContain('node-000');
    expect(ids()).not.toContain('node-150');

    const scroller = document.querySelector<HTMLElement>('.node-table-scroll')!;
    scroller.scrollTop = 150 * ROW_HEIGHT;
    fireEvent.scroll(scroller);
    expect(ids()).toContain('node-150');
    expect(ids()).not.toContain('node-000');
    expect(dataRows().length).toBeLessThan(60);
    // The spacers keep the full height, so the scroll bar matches all 200 rows.
    const spacers = [...document.querySelectorAll<HTMLElement>('.node-table-spacer')];
    const spacerRows = spacers.reduce((sum, s) => sum + parseInt(s.style.height, 10) / ROW_HEIGHT, 0);
    expect(spacerRows + dataRows().length).toBe(200);
  });

  it('shows heartbeat ages that tick with one shared clock', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const now = new Date('2025-06-01T12:00:00Z').getTime();
    vi.setSystemTime(now);
    await renderCluster([node('local', 'a', { lastHeartbeat: now - 2000 }), node('local', 'b', { lastHeartbeat: now - 125_000 })]);
    const ages = () => dataRows().map((r) => r.querySelector('time')!.textContent);
    expect(ages()).toEqual(['2 s ago', '2 min ago']);
    const intervals = vi.getTimerCount();
    expect(intervals).toBe(1);
    act(() => vi.advanceTimersByTime(1000));
    expect(ages()).toEqual(['3 s ago', '2 min ago']);
  });

  it('opens a node\'s details with its modules and their schemas', async () => {
    await renderCluster();
    fireEvent.click(dataRows().find((r) => r.dataset.node === 'n1')!);
    const panel = within(screen.getByRole('complementary', { name: 'Node n1' }));
    expect(within(panel.getByRole('region', { name: 'Modules (1)' })).getByRole('status').textContent).toContain('Asking n1 for its modules');
    await settle();
    const echo = within(panel.getByRole('article', { name: 'Module echo' }));
    expect(echo.getByText('Returns its input.')).toBeTruthy();
    const input = within(echo.getByRole('tree', { name: 'Input of echo' }));
    expect(input.getAllByRole('treeitem').map((r) => r.textContent)).toEqual(['inputrecord Input', 'textstringWhat to echo.']);
    expect(echo.getByRole('tree', { name: 'Output of echo' })).toBeTruthy();
    expect(panel.getByText('shop.OrderService')).toBeTruthy();
  });

  it('says why the modules could not be listed', async () => {
    const { api } = await renderCluster();
    api.describe.modules = () => Promise.reject(new Error('n1 does not serve SPLExecuteService'));
    fireEvent.click(dataRows().find((r) => r.dataset.node === 'n1')!);
    await settle();
    expect(within(screen.getByRole('complementary', { name: 'Node n1' })).getByRole('alert').textContent).toContain('Could not list the modules of n1: n1 does not serve SPLExecuteService');
  });

  it('selects with the keyboard', async () => {
    await renderCluster();
    const scroller = screen.getByRole('grid', { name: 'Nodes' });
    scroller.focus();
    fireEvent.keyDown(scroller, { key: 'ArrowDown' });
    expect(screen.getByRole('complementary', { name: 'Node n1' })).toBeTruthy();
    fireEvent.keyDown(scroller, { key: 'ArrowDown' });
    expect(screen.getByRole('complementary', { name: 'Node n2' })).toBeTruthy();
    expect(dataRows()[1]!.getAttribute('aria-selected')).toBe('true');
    expect(scroller.getAttribute('aria-activedescendant')).toBe(dataRows()[1]!.id);
    fireEvent.keyDown(scroller, { key: 'Home' });
    expect(screen.getByRole('complementary', { name: 'Node n1' })).toBeTruthy();
    await settle();
  });

  it('drops nodes that leave, and says so if one was selected', async () => {
    const { api } = await renderCluster();
    fireEvent.click(dataRows().find((r) => r.dataset.node === 'n1')!);
    await settle();
    api.setNodes('local', [node('local', 'n3')]);
    await settle();
    expect(ids()).toEqual(['n2', 'n3']);
    const panel = within(screen.getByRole('complementary', { name: 'Node n1' }));
    expect(panel.getByText(/This node left the cluster/)).toBeTruthy();
    fireEvent.click(panel.getByRole('button', { name: 'Close the node\'s details' }));
    expect(screen.queryByRole('complementary', { name: 'Node n1' })).toBeNull();
  });

  it('removes a connection from the side bar after asking', async () => {
    const { studio } = await renderCluster();
    fireEvent.click(screen.getByRole('button', { name: 'Remove Production' }));
    await settle();
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove' }));
    await settle();
    expect(studio.connections.getState().connections.map((c) => c.id)).toEqual(['local']);
    expect(ids()).toEqual(['n1']);
  });
});

describe('the cluster browser with containers', () => {
  async function renderContainers() {
    const fake = networkStudio(containerNetwork());
    render(
      <StudioContext.Provider value={fake.studio}>
        <ClusterSidebar />
        <ClusterMain />
        <ConfirmDialog />
      </StudioContext.Provider>,
    );
    await settle();
    return fake;
  }
  const nodeIds = () => dataRows().map((r) => r.dataset.node);

  it('lists a container\'s node right under its host, indented, with a container icon and its image', async () => {
    const { api } = await renderContainers();
    expect(nodeIds()).toEqual(['h1', 'h1/a1b2c3d4e5f6', 'n1', 'n2']);
    fireEvent.click(within(header('Node')).getByRole('button'));
    expect(nodeIds()).toEqual(['n2', 'n1', 'h1', 'h1/a1b2c3d4e5f6']);

    const row = dataRows().find((r) => r.dataset.node === 'h1/a1b2c3d4e5f6')!;
    expect(row.className).toContain('is-nested');
    const id = within(row.querySelector<HTMLElement>('.node-id')!);
    expect(id.getByRole('img', { name: 'container' })).toBeTruthy();
    expect(id.getByText('localhost/spl-ml:2.0')).toBeTruthy();
    expect(row.querySelector('.node-id')!.getAttribute('title')).toBe('h1/a1b2c3d4e5f6\nin a container of h1\nlocalhost/spl-ml:2.0 (running)');
    expect(dataRows().find((r) => r.dataset.node === 'h1')!.className).not.toContain('is-nested');

    // A node that joins from a container finds its place under its host at once.
    const listed = await api.cluster.nodes('local');
    act(() => api.setNodes('local', [...listed, containerNode(summary(NEW_ID, 'localhost/spl-node:0.1.0'), { endpoint: 'http://127.0.0.1:1' })]));
    await settle();
    fireEvent.click(within(header('Endpoint')).getByRole('button'));
    // By endpoint, the new node (:1) would come first on its own; it sorts among h1's containers.
    expect(nodeIds()).toEqual(['h1', 'h1/feedfacecafe', 'h1/a1b2c3d4e5f6', 'n1', 'n2']);
  });

  it('filters by image, showing the matches without grouping', async () => {
    await renderContainers();
    const filter = screen.getByRole('searchbox', { name: 'Filter nodes' });
    expect(filter.getAttribute('placeholder')).toBe('Filter by id, endpoint, module, capability or image');
    fireEvent.change(filter, { target: { value: 'spl-ml:2' } });
    expect(nodeIds()).toEqual(['h1/a1b2c3d4e5f6']);
    expect(count()).toBe('1 of 4 nodes');
    expect(dataRows()[0]!.className).not.toContain('is-nested');
    expect(within(dataRows()[0]!).getByRole('img', { name: 'container' })).toBeTruthy();
  });

  it('shows which node runs a container\'s node, and goes there', async () => {
    await renderContainers();
    fireEvent.click(dataRows().find((r) => r.dataset.node === 'h1/a1b2c3d4e5f6')!);
    await settle();
    const panel = within(screen.getByRole('complementary', { name: 'Node h1/a1b2c3d4e5f6' }));
    expect(panel.getByText('localhost/spl-ml:2.0')).toBeTruthy();
    expect(panel.getByText('a1b2c3d4e5f6').getAttribute('title')).toBe(ML_ID);
    fireEvent.click(panel.getByRole('button', { name: 'h1' }));
    await settle();
    expect(screen.getByRole('complementary', { name: 'Node h1' })).toBeTruthy();
  });
});
