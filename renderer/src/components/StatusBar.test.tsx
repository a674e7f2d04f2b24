import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StudioContext } from '../app/studio.js';
import { networkStudio } from '../explorer/test-studio.js';
import { StatusBar } from './StatusBar.js';

describe('StatusBar', () => {
  it('counts the nodes of every connection and opens the cluster browser', async () => {
    const { studio, api } = networkStudio();
    render(
      <StudioContext.Provider value={studio}>
        <StatusBar />
      </StudioContext.Provider>,
    );
    await act(() => studio.connections.getState().load());
    const all = await api.cluster.nodes();
    const unreachable = all.filter((n) => n.health !== 'up').length;
    const button = screen.getByRole('button', { name: new RegExp(`^${all.length} nodes`) });
    expect(button.textContent).toContain(unreachable ? `(${unreachable} unreachable)` : `${all.length} nodes`);
    act(() => button.click());
    expect(studio.layout.getState().view).toBe('cluster');
  });
});
