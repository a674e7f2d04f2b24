import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StudioContext } from '../app/studio.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { explorerStoreOf } from './explorer-store.js';
import { ExplorerMain, ExplorerSidebar } from './ExplorerView.js';
import { node } from './test-network.js';
import { networkStudio } from './test-studio.js';

afterEach(cleanup);

const settle = () => act(async () => await new Promise((r) => setTimeout(r, 0)));

async function renderExplorer() {
  const fake = networkStudio();
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
const row = (label: string) => rows().find((r) => r.querySelector('.tree-label')?.textContent === label)!;
const main = () => screen.getByRole('region', { name: 'Service details' });

async function click(label: string) {
  fireEvent.click(row(label));
  await settle();
}

describe('the service explorer', () => {
  it('lists connections with their states and nodes with their health', async () => {
    await renderExplorer();
    expect(labels()).toEqual(['Local runtime', 'n1', 'Production', 'n2']);
    expect(within(row('Local runtime')).getByRole('img', { name: 'Connected' })).toBeTruthy();
    expect(row('Production').title).toContain('Not connected: etcd at http://10.0.0.1:2379 refused the connection');
    expect(within(row('n1')).getByRole('img', { name: 'up' })).toBeTruthy();
  });

  it('opens a node onto its protocols with their drift, and a protocol onto its messages', async () => {
    await renderExplorer();
    await click('n1');
    expect(within(row('shop.OrderService')).getByRole('img', { name: 'differs from definitions/orders.avdl' })).toBeTruthy();
    await click('n2');
    expect(within(row('spl.test.Ping')).getByText('not in workspace')).toBeTruthy();
    await click('shop.OrderService');
    expect(labels()).toEqual(['Local runtime', 'n1', 'shop.OrderService', 'get', 'list', 'notify', 'Production', 'n2', 'spl.test.Ping']);
    // The incompatible message is marked in the tree.
    expect(within(row('get')).getByRole('img', { name: 'incompatible' })).toBeTruthy();
    expect(within(row('notify')).getByText('one-way')).toBeTruthy();
  });

  it('moves with the keyboard: arrows, Home, End, Enter', async () => {
    await renderExplorer();
    const first = row('Local runtime');
    first.focus();
    expect(first.tabIndex).toBe(0);
    fireEvent.keyDown(tree(), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(row('n1'));
    fireEvent.keyDown(tree(), { key: 'ArrowRight' });
    await settle();
    expect(labels()).toContain('shop.OrderService');
    fireEvent.keyDown(tree(), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(row('shop.OrderService'));
    fireEvent.keyDown(tree(), { key: 'Enter' });
    await settle();
    expect(labels()).toContain('get');
    fireEvent.keyDown(tree(), { key: 'ArrowLeft' });
    expect(labels()).not.toContain('get');
    fireEvent.keyDown(tree(), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(row('n1'));
    fireEvent.keyDown(tree(), { key: 'End' });
    expect(document.activeElement).toBe(row('n2'));
    fireEvent.keyDown(tree(), { key: 'Home' });
    expect(document.activeElement).toBe(row('Local runtime'));
    fireEvent.keyDown(tree(), { key: 'Enter' });
    expect(labels()).toEqual(['Local runtime', 'Production', 'n2']);
    expect(rows().filter((r) => r.tabIndex === 0)).toHaveLength(1);
  });

  it('shows a message: parameters, response, declared errors, and the verdict with its reasons', async () => {
    await renderExplorer();
    await click('n1');
    await click('shop.OrderService');
    await click('get');
    const pane = within(main());
    expect(pane.getByRole('heading', { level: 1, name: 'get' })).toBeTruthy();
    expect(pane.getByText('Finds one order.')).toBeTruthy();
    expect(pane.getByText('0123456789abcdef0123456789abcdef')).toBeTruthy();
    expect(within(pane.getByRole('tree', { name: 'Request parameters of get' })).getAllByRole('treeitem').map((r) => r.textContent)).toEqual(['idlongThe order to find.']);
    const response = within(pane.getByRole('tree', { name: 'Response of get' }));
    expect(response.getAllByRole('treeitem')[0]!.textContent).toMatch(/^responserecord Order/);
    expect(response.getByText('placed')).toBeTruthy();
    expect(response.getByText('long · timestamp-millis')).toBeTruthy();
    expect(within(pane.getByRole('tree', { name: 'Declared errors of get' })).getAllByRole('treeitem')[0]!.textContent).toBe('error NotFound');
    expect(pane.getByText('incompatible')).toBeTruthy();
    expect(within(pane.getByRole('list', { name: 'Reasons' })).getByText('response(Order).status: the symbol CLOSED is missing from the reader')).toBeTruthy();
  });

  it('says a one-way message has no response', async () => {
    await renderExplorer();
    await click('n1');
    await click('shop.OrderService');
    await click('notify');
    expect(within(main()).getByText('None: the message is one-way.')).toBeTruthy();
  });

  it('opens the message in the composer, and the definition in the editor', async () => {
    const { studio, open } = await renderExplorer();
    await click('n1');
    await click('shop.OrderService');
    await click('get');
    fireEvent.click(within(main()).getByRole('button', { name: /Open in Composer/ }));
    expect(open).toHaveBeenCalledWith({ connectionId: 'local', nodeId: 'n1', protocol: 'shop.OrderService', message: 'get' });
    expect(studio.layout.getState().view).toBe('composer');

    studio.layout.getState().showView('explorer');
    fireEvent.click(within(main()).getByRole('button', { name: /Open definitions\/orders.avdl/ }));
    await settle();
    expect(studio.tabs.getState().active).toBe('definitions/orders.avdl');
    expect(studio.layout.getState().view).toBe('editor');
  });

  it('shows a protocol with its verdict per message and its types', async () => {
    const { studio } = await renderExplorer();
    await click('n1');
    await click('shop.OrderService');
    const pane = within(main());
    expect(pane.getByRole('heading', { level: 1, name: 'OrderService' })).toBeTruthy();
    expect(pane.getByText('Takes and tracks orders.')).toBeTruthy();
    expect(pane.getByText('shop')).toBeTruthy();
    const table = within(pane.getByRole('table'));
    expect(table.getAllByRole('row').map((r) => r.textContent)).toEqual([
      'MessageStatusReasons',
      'getincompatibleresponse(Order).status: the symbol CLOSED is missing from the reader',
      'listsame—',
      'notifyonly on the node—',
    ]);
    const types = within(pane.getByRole('tree', { name: 'Types of OrderService' })).getAllByRole('treeitem');
    expect(types.map((r) => r.querySelector('.type-text')?.textContent).sort()).toEqual(['enum Status', 'error NotFound', 'fixed Digest (16 bytes)', 'record Category', 'record Order']);
    fireEvent.click(table.getByRole('button', { name: 'get' }));
    await settle();
    expect(pane.getByRole('heading', { level: 1, name: 'get' })).toBeTruthy();
    expect(explorerStoreOf(studio).getState().selected).toEqual({ connectionId: 'local', nodeId: 'n1', protocol: 'shop.OrderService', message: 'get' });
  });

  it('follows nodes joining and leaving without losing what is open or selected', async () => {
    const { api } = await renderExplorer();
    await click('n1');
    await click('shop.OrderService');
    await click('get');
    api.setNodes('local', [node('local', 'n0'), node('local', 'n1', { lastHeartbeat: Date.now() + 5 })]);
    await settle();
    expect(labels()).toEqual(['Local runtime', 'n0', 'n1', 'shop.OrderService', 'get', 'list', 'notify', 'Production', 'n2']);
    expect(row('get').getAttribute('aria-selected')).toBe('true');
    expect(within(main()).getByRole('heading', { level: 1, name: 'get' })).toBeTruthy();

    api.setNodes('local', [node('local', 'n0')]);
    await settle();
    expect(labels()).toEqual(['Local runtime', 'n0', 'Production', 'n2']);
    expect(within(main()).getByText('This node left the cluster')).toBeTruthy();
  });

  it('shows a failing connection with what to do, and removes it after asking', async () => {
    const { studio } = await renderExplorer();
    await click('Production');
    const pane = within(main());
    expect(pane.getByRole('alert').textContent).toContain('etcd at http://10.0.0.1:2379 refused the connection: start etcd or check the URL.');
    expect(pane.getByText(/fix it with Edit/)).toBeTruthy();
    fireEvent.click(pane.getByRole('button', { name: /Edit/ }));
    expect(screen.getByRole('dialog', { name: 'Edit Production' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    fireEvent.click(pane.getByRole('button', { name: /Remove/ }));
    await settle();
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove' }));
    await settle();
    expect(labels()).toEqual(['Local runtime', 'n1']);
    expect(studio.connections.getState().connections.map((c) => c.id)).toEqual(['local']);
    expect(within(main()).getByText(/This connection was removed/)).toBeTruthy();
  });

  it('adds a connection from the side bar and selects it', async () => {
    await renderExplorer();
    fireEvent.click(within(screen.getByRole('complementary', { name: 'Service Explorer' })).getByRole('button', { name: 'Add connection' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Staging' } });
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: 'tcp://127.0.0.1:7401' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await settle();
    expect(labels()).toContain('Staging');
    expect(row('Staging').getAttribute('aria-selected')).toBe('true');
    expect(within(main()).getByRole('heading', { level: 1, name: 'Staging' })).toBeTruthy();
  });

  it('says why a node could not be described', async () => {
    const { studio } = await renderExplorer();
    studio.api.describe.node = () => Promise.reject(new Error('n1 closed the connection during the handshake'));
    await click('n1');
    await click('shop.OrderService');
    expect(labels()).toContain('Could not describe n1: n1 closed the connection during the handshake');
    expect(within(main()).getByRole('alert').textContent).toContain('Could not describe n1: n1 closed the connection during the handshake');
  });
});
