import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StudioError, type ContainerSummary } from '../../../shared/studio/api.js';
import { StudioContext } from '../app/studio.js';
import { ClusterMain } from '../cluster/ClusterView.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { networkStudio } from '../explorer/test-studio.js';
import { containersStoreOf } from './containers-store.js';
import { ENGINE, ML, ML_ID, NEW_ID, WEB, containerNetwork, containerNode, summary } from './test-containers.js';

afterEach(cleanup);

const settle = () => act(async () => await new Promise((r) => setTimeout(r, 0)));

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

async function renderPanel(nodeId: string, options: Parameters<typeof containerNetwork>[0] = {}) {
  const fake = networkStudio(containerNetwork(options));
  render(
    <StudioContext.Provider value={fake.studio}>
      <ClusterMain />
      <ConfirmDialog />
    </StudioContext.Provider>,
  );
  await settle();
  fireEvent.click(document.querySelector(`tr.node-row[data-node="${nodeId}"]`)!);
  await settle();
  return fake;
}

const panel = (nodeId = 'h1') => within(screen.getByRole('complementary', { name: `Node ${nodeId}` }));
const section = (title: string) => within(panel().getByRole('region', { name: title }));
const cards = () => within(panel().getByRole('list', { name: 'Containers of h1' })).getAllByRole('listitem');
const card = (id: string) => within(panel().getByRole('listitem', { name: `Container ${id}` }));
const form = () => within(panel().getByRole('form', { name: 'Start a container on h1' }));
const type = (label: string, value: string) => fireEvent.change(form().getByLabelText(label), { target: { value } });

describe('a node\'s containers', () => {
  it('lists what the engine runs: image, status, services, created, endpoint and short id', async () => {
    await renderPanel('h1');
    const containers = section('Containers');
    expect(containers.getByText(ENGINE)).toBeTruthy();
    expect(cards()).toHaveLength(2);

    const ml = card('a1b2c3d4e5f6');
    expect(ml.getByText('localhost/spl-ml:2.0')).toBeTruthy();
    expect(ml.getByText('running').className).toContain('is-running');
    expect(ml.getByText('spl.test.Ping')).toBeTruthy();
    expect(ml.getByText('5 min ago')).toBeTruthy();
    expect(ml.getByText('http://127.0.0.1:7411')).toBeTruthy();
    expect(ml.getByText('a1b2c3d4e5f6').getAttribute('title')).toBe(ML_ID);
    // Its node is in the table: the card links to it.
    expect(ml.getByRole('button', { name: 'h1/a1b2c3d4e5f6' })).toBeTruthy();

    const web = card('0f1e2d3c4b5a');
    expect(web.getByText('exited').className).toContain('is-stopped');
    expect(web.getByText('unknown')).toBeTruthy();
    expect(web.getByText(/it serves no Avro RPC/)).toBeTruthy();
    expect(web.getByText('none')).toBeTruthy();
    expect(web.queryByRole('button', { name: /^h1\// })).toBeNull();
  });

  it('shows a container\'s node from its card', async () => {
    await renderPanel('h1');
    fireEvent.click(card('a1b2c3d4e5f6').getByRole('button', { name: 'h1/a1b2c3d4e5f6' }));
    await settle();
    expect(screen.getByRole('complementary', { name: 'Node h1/a1b2c3d4e5f6' })).toBeTruthy();
  });

  it('lists again on Refresh', async () => {
    const { network } = await renderPanel('h1');
    network.containers!['local/h1'] = [ML];
    fireEvent.click(section('Containers').getByRole('button', { name: 'Refresh the containers of h1' }));
    await settle();
    expect(cards()).toHaveLength(1);
  });

  it('says why the containers could not be listed, and tries again', async () => {
    const fake = networkStudio(containerNetwork());
    const list = fake.api.containers.list;
    fake.api.containers.list = () => Promise.reject(new StudioError('io', 'CONTAINER_ENGINE_UNAVAILABLE: cannot reach unix:///run/podman/podman.sock: connect ENOENT; start the engine'));
    render(<StudioContext.Provider value={fake.studio}><ClusterMain /><ConfirmDialog /></StudioContext.Provider>);
    await settle();
    fireEvent.click(document.querySelector('tr.node-row[data-node="h1"]')!);
    await settle();
    expect(section('Containers').getByRole('alert').textContent).toContain('Could not list the containers of h1: CONTAINER_ENGINE_UNAVAILABLE: cannot reach unix:///run/podman/podman.sock: connect ENOENT; start the engine');
    fake.api.containers.list = list;
    fireEvent.click(section('Containers').getByRole('button', { name: 'Try again' }));
    await settle();
    expect(cards()).toHaveLength(2);
  });

  it('tells how to give a node without an engine one', async () => {
    await renderPanel('n1');
    const containers = within(panel('n1').getByRole('region', { name: 'Containers' }));
    expect(containers.getByRole('status').textContent).toBe('No container engine: start the node with --container-engine unix:///PATH.sock');
    expect(panel('n1').queryByRole('form')).toBeNull();
  });

  it('stops a container after asking, busy until the node answers', async () => {
    const { api, studio } = await renderPanel('h1');
    const answer = deferred<void>();
    const stop = vi.fn(() => answer.promise);
    api.containers.stop = stop;

    fireEvent.click(card('0f1e2d3c4b5a').getByRole('button', { name: 'Stop container 0f1e2d3c4b5a' }));
    await settle();
    const dialog = within(screen.getByRole('alertdialog'));
    expect(dialog.getByRole('heading').textContent).toBe('Stop the container 0f1e2d3c4b5a?');
    expect(dialog.getByText(/h1 stops and removes the container running localhost\/spl-node:0.1.0/)).toBeTruthy();
    fireEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(stop).not.toHaveBeenCalled();

    fireEvent.click(card('0f1e2d3c4b5a').getByRole('button', { name: 'Stop container 0f1e2d3c4b5a' }));
    await settle();
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Stop' }));
    await settle();
    expect(stop).toHaveBeenCalledWith('local', 'h1', WEB.containerId);
    const busy = card('0f1e2d3c4b5a').getByRole('button', { name: 'Stop container 0f1e2d3c4b5a' }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    expect(busy.textContent).toContain('Stopping…');

    answer.resolve();
    await settle();
    expect(cards()).toHaveLength(1);
    expect(panel().queryByRole('listitem', { name: 'Container 0f1e2d3c4b5a' })).toBeNull();
    expect(containersStoreOf(studio).getState().stopping).toEqual({});
  });

  it('shows the node\'s message when a stop fails, and keeps the container', async () => {
    const { api } = await renderPanel('h1');
    api.containers.stop = () => Promise.reject(new StudioError('not-found', 'CONTAINER_NOT_FOUND: no container a1b2c3d4e5f6 on h1; it may have been removed already'));
    fireEvent.click(card('a1b2c3d4e5f6').getByRole('button', { name: 'Stop container a1b2c3d4e5f6' }));
    await settle();
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Stop' }));
    await settle();
    expect(card('a1b2c3d4e5f6').getByRole('alert').textContent).toBe('Could not stop a1b2c3d4e5f6: CONTAINER_NOT_FOUND: no container a1b2c3d4e5f6 on h1; it may have been removed already');
    expect(cards()).toHaveLength(2);
    expect((card('a1b2c3d4e5f6').getByRole('button', { name: 'Stop container a1b2c3d4e5f6' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('starts a container with a name, port and environment, then shows it and its node joining', async () => {
    const answer = deferred<ContainerSummary>();
    const started = vi.fn((_image: string, _config: Record<string, string>) => answer.promise);
    const { api } = await renderPanel('h1', { started });

    const image = form().getByLabelText('Image') as HTMLInputElement;
    // The usual image is a hint, not a value: nothing starts unless the user says what.
    expect(image.value).toBe('');
    expect(image.placeholder).toBe('localhost/spl-node:latest');

    type('Image', 'localhost/spl-node:0.1.0');
    type('Name (optional)', 'ml-1');
    type('Port (optional)', '7420');
    fireEvent.click(form().getByRole('button', { name: /Add variable/ }));
    fireEvent.click(form().getByRole('button', { name: /Add variable/ }));
    type('Environment variable 1', 'LOG_LEVEL=debug');
    type('Environment variable 2', 'GREETING=a=b');
    fireEvent.click(form().getByRole('button', { name: 'Start container' }));
    await settle();

    expect(started).toHaveBeenCalledWith('localhost/spl-node:0.1.0', { name: 'ml-1', port: '7420', 'env.LOG_LEVEL': 'debug', 'env.GREETING': 'a=b' });
    const busy = form().getByRole('button', { name: /Starting…/ }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    expect((form().getByLabelText('Image') as HTMLInputElement).disabled).toBe(true);

    answer.resolve(summary(NEW_ID, 'localhost/spl-node:0.1.0', { endpoint: 'http://127.0.0.1:7420' }));
    await settle();
    expect(cards()).toHaveLength(3);
    expect(card('feedfacecafe').getByText('localhost/spl-node:0.1.0')).toBeTruthy();
    expect(form().getByRole('status').textContent).toBe('Started feedfacecafe from localhost/spl-node:0.1.0 at http://127.0.0.1:7420. Its node appears in the node table within a poll.');
    // The name was used; the rest stays for the next one.
    expect((form().getByLabelText('Name (optional)') as HTMLInputElement).value).toBe('');
    expect((form().getByLabelText('Image') as HTMLInputElement).value).toBe('localhost/spl-node:0.1.0');

    const joined = containerNode(summary(NEW_ID, 'localhost/spl-node:0.1.0'));
    const listed = await api.cluster.nodes('local');
    act(() => api.setNodes('local', [...listed, joined]));
    await settle();
    expect(form().getByRole('status').textContent).toContain('Its node h1/feedfacecafe has joined.');
    expect(document.querySelector('tr.node-row[data-node="h1/feedfacecafe"]')).toBeTruthy();
    fireEvent.click(form().getByRole('button', { name: 'Show it' }));
    await settle();
    expect(screen.getByRole('complementary', { name: 'Node h1/feedfacecafe' })).toBeTruthy();
  });

  it('says what is wrong with the form before asking the node', async () => {
    const started = vi.fn();
    await renderPanel('h1', { started });
    fireEvent.click(form().getByRole('button', { name: 'Start container' }));
    await settle();
    expect(form().getByText(/Give the image of an SPL node to start/)).toBeTruthy();
    expect(document.activeElement).toBe(form().getByLabelText('Image'));

    type('Image', 'localhost/spl-node:0.1.0');
    type('Port (optional)', '70000');
    fireEvent.click(form().getByRole('button', { name: /Add variable/ }));
    type('Environment variable 1', '1BAD=x');
    expect(form().getByText('Give a port from 1 to 65535, or leave it empty for a free one.')).toBeTruthy();
    expect(form().getByText(/"1BAD" is not a variable name/)).toBeTruthy();
    expect(form().getByLabelText('Environment variable 1').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(form().getByRole('button', { name: 'Start container' }));
    await settle();
    expect(started).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(form().getByLabelText('Port (optional)'));

    fireEvent.click(form().getByRole('button', { name: 'Remove environment variable 1' }));
    type('Port (optional)', '');
    expect(form().queryByText(/not a variable name/)).toBeNull();
    expect(form().queryByText(/Give a port/)).toBeNull();
  });

  it('shows the node\'s message when it cannot start the container', async () => {
    await renderPanel('h1', {
      started: () => Promise.reject(new StudioError('invalid-argument', 'IMAGE_NOT_FOUND: no image localhost/nope:1 on the engine; build or pull it first')),
    });
    type('Image', 'localhost/nope:1');
    fireEvent.click(form().getByRole('button', { name: 'Start container' }));
    await settle();
    expect(form().getByRole('alert').textContent).toBe('Could not start a container on h1: IMAGE_NOT_FOUND: no image localhost/nope:1 on the engine; build or pull it first');
    expect((form().getByRole('button', { name: 'Start container' }) as HTMLButtonElement).disabled).toBe(false);
    expect(cards()).toHaveLength(2);
    // Editing clears the old refusal.
    type('Image', 'localhost/spl-node:0.1.0');
    expect(form().queryByRole('alert')).toBeNull();
  });

  it('keeps one node\'s half-typed form away from another\'s', async () => {
    const { api } = await renderPanel('h1');
    // Another node with an engine: the same form component would otherwise be reused for it.
    const listed = await api.cluster.nodes('local');
    act(() => api.setNodes('local', listed.map((n) => (n.nodeId === 'n1' ? { ...n, capabilities: { containers: ENGINE } } : n))));
    type('Image', 'localhost/half-typed');
    fireEvent.click(document.querySelector('tr.node-row[data-node="n1"]')!);
    await settle();
    const other = within(panel('n1').getByRole('form', { name: 'Start a container on n1' }));
    expect((other.getByLabelText('Image') as HTMLInputElement).value).toBe('');
  });
});
