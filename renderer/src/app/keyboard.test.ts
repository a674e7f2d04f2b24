import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeStudio } from '../test/fake-studio.js';
import { installKeyboard } from './keyboard.js';

let uninstall: (() => void) | undefined;
afterEach(() => {
  uninstall?.();
  document.body.innerHTML = '';
});

function press(target: Element, init: KeyboardEventInit): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

describe('the global keyboard handler', () => {
  it('runs the bound command first, instead of the browser', () => {
    const { studio } = createFakeStudio();
    const save = vi.fn();
    studio.commands.getState().register({ id: 'file.save', title: 'Save', keys: ['Mod+S'], run: save });
    uninstall = installKeyboard(studio);
    const event = press(document.body, { key: 's', code: 'KeyS', ctrlKey: true });
    expect(save).toHaveBeenCalledOnce();
    expect(event.defaultPrevented).toBe(true);
  });

  it('leaves Monaco its own keys inside the editor, and runs them from elsewhere', () => {
    const { studio } = createFakeStudio();
    const definition = vi.fn();
    studio.commands.getState().register({ id: 'def', title: 'Go to Definition', keys: ['F12'], editorKeys: true, run: definition });
    uninstall = installKeyboard(studio);
    const editor = document.createElement('div');
    editor.className = 'monaco-editor';
    const tree = document.createElement('div');
    document.body.append(editor, tree);
    expect(press(editor, { key: 'F12', code: 'F12' }).defaultPrevented).toBe(false);
    expect(definition).not.toHaveBeenCalled();
    press(tree, { key: 'F12', code: 'F12' });
    expect(definition).toHaveBeenCalledOnce();
  });

  it('stays out of modals', () => {
    const { studio } = createFakeStudio();
    const palette = vi.fn();
    studio.commands.getState().register({ id: 'palette', title: 'Palette', keys: ['Mod+Shift+P'], run: palette });
    uninstall = installKeyboard(studio);
    const modal = document.createElement('div');
    modal.setAttribute('data-modal', '');
    const input = document.createElement('input');
    modal.append(input);
    document.body.append(modal);
    press(input, { key: 'P', code: 'KeyP', ctrlKey: true, shiftKey: true });
    expect(palette).not.toHaveBeenCalled();
  });
});
