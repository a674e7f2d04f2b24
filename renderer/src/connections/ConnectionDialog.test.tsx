import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StudioError, type ConnectionStatus } from '../../../shared/studio/api.js';
import { StudioContext, type Studio } from '../app/studio.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { networkStudio } from '../explorer/test-studio.js';
import { ConnectionDialog } from './ConnectionDialog.js';
import { removeConnection } from './remove-connection.js';

afterEach(cleanup);

const settle = () => act(async () => await new Promise((r) => setTimeout(r, 0)));

async function renderDialog(editing?: ConnectionStatus) {
  const fake = networkStudio();
  await fake.studio.connections.getState().load();
  const onClose = vi.fn();
  const onSaved = vi.fn();
  render(
    <StudioContext.Provider value={fake.studio}>
      <ConnectionDialog editing={editing} onClose={onClose} onSaved={onSaved} />
    </StudioContext.Provider>,
  );
  return { ...fake, onClose, onSaved };
}

const type = (label: RegExp | string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const submit = async (name = /^Add$|^Save$/) => {
  fireEvent.click(screen.getByRole('button', { name }));
  await settle();
};

describe('the connection dialog', () => {
  it('checks the fields before saving and says what is wrong next to them', async () => {
    const { api, onClose } = await renderDialog();
    const save = vi.spyOn(api.connections, 'save');
    await submit();
    const name = screen.getByLabelText('Name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Give the connection a name, e.g. "Staging cluster".')).toBeTruthy();
    expect(screen.getByLabelText('URL').getAttribute('aria-describedby')).toContain('url-error');
    expect(document.activeElement).toBe(name);

    type('URL', 'http://127.0.0.1');
    expect(screen.getByText(/Name a host and a port/)).toBeTruthy();
    expect(save).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('saves a new connection under its name\'s slug, with the token apart', async () => {
    const { api, studio, onClose, onSaved } = await renderDialog();
    const save = vi.spyOn(api.connections, 'save');
    expect(screen.getByPlaceholderText('http://127.0.0.1:7400 or tcp://127.0.0.1:7401')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('etcd cluster'));
    expect(screen.getByPlaceholderText('http://127.0.0.1:2379')).toBeTruthy();
    type('Name', 'Production');
    expect(screen.getByText('production')).toBeTruthy();
    type('URL', 'http://127.0.0.1:2379');
    type('Token (optional)', 's3cret');
    expect(screen.getByText(/Stored in your user settings, not in the workspace/)).toBeTruthy();
    expect((screen.getByLabelText('Token (optional)') as HTMLInputElement).type).toBe('password');
    await submit();
    expect(save).toHaveBeenCalledWith({ id: 'production', name: 'Production', kind: 'etcd', url: 'http://127.0.0.1:2379' }, { token: 's3cret' });
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: 'production', hasToken: true }));
    expect(onClose).toHaveBeenCalled();
    expect(studio.connections.getState().connections.map((c) => c.id)).toContain('production');
  });

  it('asks for a CA file only for https and tcps URLs', async () => {
    await renderDialog();
    expect(screen.queryByLabelText('CA file (optional)')).toBeNull();
    type('URL', 'tcps://127.0.0.1:7401');
    expect(screen.getByLabelText('CA file (optional)')).toBeTruthy();
  });

  it('shows what the host refused, and stays open', async () => {
    const { api, onClose } = await renderDialog();
    api.connections.save = () => Promise.reject(new StudioError('io', 'etcd at http://127.0.0.1:2379 refused the connection: start etcd or check the URL'));
    type('Name', 'Cluster');
    type('URL', 'http://127.0.0.1:2379');
    await submit();
    expect(screen.getByRole('alert').textContent).toBe('etcd at http://127.0.0.1:2379 refused the connection: start etcd or check the URL');
    expect(onClose).not.toHaveBeenCalled();
    // Changing anything clears the host's old complaint.
    type('URL', 'http://127.0.0.1:2380');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps the stored token when editing, unless it is cleared', async () => {
    const fake = networkStudio();
    await fake.studio.connections.getState().load();
    const prod = fake.studio.connections.getState().connections.find((c) => c.id === 'prod')!;
    cleanup();
    const { api } = await renderDialog(prod);
    const save = vi.spyOn(api.connections, 'save');
    expect(screen.getByRole('dialog', { name: 'Edit Production' })).toBeTruthy();
    expect(screen.getByPlaceholderText('A token is stored: type to replace it')).toBeTruthy();
    type('Name', 'Production EU');
    await submit(/^Save$/);
    expect(save).toHaveBeenLastCalledWith({ id: 'prod', name: 'Production EU', kind: 'etcd', url: 'http://10.0.0.1:2379' }, undefined);
  });

  it('sends a null token when the stored one is cleared', async () => {
    const fake = networkStudio();
    await fake.studio.connections.getState().load();
    const prod = fake.studio.connections.getState().connections.find((c) => c.id === 'prod')!;
    const save = vi.spyOn(fake.api.connections, 'save');
    render(
      <StudioContext.Provider value={fake.studio}>
        <ConnectionDialog editing={prod} onClose={() => {}} />
      </StudioContext.Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Clear stored token' }));
    expect(screen.getByText(/will be forgotten when you save/)).toBeTruthy();
    await submit(/^Save$/);
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ id: 'prod' }), { token: null });
  });

  it('closes on Escape', async () => {
    const { onClose } = await renderDialog();
    fireEvent.keyDown(screen.getByLabelText('Name'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });
});

describe('removing a connection', () => {
  async function setUp(): Promise<{ studio: Studio; prod: ConnectionStatus }> {
    const { studio } = networkStudio();
    await studio.connections.getState().load();
    render(
      <StudioContext.Provider value={studio}>
        <ConfirmDialog />
      </StudioContext.Provider>,
    );
    return { studio, prod: studio.connections.getState().connections.find((c) => c.id === 'prod')! };
  }

  it('asks first, and does nothing when cancelled', async () => {
    const { studio, prod } = await setUp();
    const removed = removeConnection(studio, prod);
    await settle();
    expect(screen.getByRole('alertdialog', { name: 'Remove the connection "Production"?' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await removed).toBe(false);
    expect(studio.connections.getState().connections.map((c) => c.id)).toEqual(['local', 'prod']);
  });

  it('removes the connection once confirmed', async () => {
    const { studio, prod } = await setUp();
    const removed = removeConnection(studio, prod);
    await settle();
    expect(screen.getByText(/forgets http:\/\/10.0.0.1:2379 and your settings forget its token/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect(await removed).toBe(true);
    expect(studio.connections.getState().connections.map((c) => c.id)).toEqual(['local']);
  });
});
