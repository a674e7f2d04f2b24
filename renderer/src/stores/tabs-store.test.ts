import { describe, expect, it } from 'vitest';
import { createTabsStore } from './tabs-store.js';

describe('tabs', () => {
  it('opens after the active tab and activates an open one instead of duplicating it', () => {
    const tabs = createTabsStore();
    tabs.getState().open('a');
    tabs.getState().open('b');
    tabs.getState().activate('a');
    tabs.getState().open('c');
    expect(tabs.getState().tabs).toEqual(['a', 'c', 'b']);
    tabs.getState().open('b');
    expect(tabs.getState()).toMatchObject({ tabs: ['a', 'c', 'b'], active: 'b' });
  });

  it('closing the active tab activates its right neighbour, or the left one at the end', () => {
    const tabs = createTabsStore();
    for (const t of ['a', 'b', 'c']) tabs.getState().open(t);
    tabs.getState().activate('b');
    tabs.getState().close('b');
    expect(tabs.getState().active).toBe('c');
    tabs.getState().close('c');
    expect(tabs.getState().active).toBe('a');
    tabs.getState().close('a');
    expect(tabs.getState()).toMatchObject({ tabs: [], active: null });
  });

  it('closing another tab keeps the active one', () => {
    const tabs = createTabsStore();
    for (const t of ['a', 'b']) tabs.getState().open(t);
    tabs.getState().close('a');
    expect(tabs.getState().active).toBe('b');
  });

  it('cycles both ways, wrapping around', () => {
    const tabs = createTabsStore();
    for (const t of ['a', 'b', 'c']) tabs.getState().open(t);
    tabs.getState().cycle(1);
    expect(tabs.getState().active).toBe('a');
    tabs.getState().cycle(-1);
    expect(tabs.getState().active).toBe('c');
  });
});
