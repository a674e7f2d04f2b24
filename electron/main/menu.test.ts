/** The menus as data: every studio action reaches the renderer as a command; no Electron needed. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { STUDIO_COMMANDS } from '../../shared/studio/commands.js';
import { menuTemplate } from './menu.js';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}

describe('menuTemplate', () => {
  it('sends File, View commands to the renderer and opens workspaces itself', () => {
    const sent: string[] = [];
    let opened = 0;
    const all = items(menuTemplate({ command: (c) => sent.push(c), openWorkspace: () => opened++ }, 'linux'));
    const byLabel = (label: string) => all.find((i) => i.label === label);
    click(byLabel('Open Workspace…'));
    click(byLabel('Save'));
    click(byLabel('Command Palette…'));
    click(byLabel('Toggle Theme'));
    expect(opened).toBe(1);
    expect(sent.sort()).toEqual([...STUDIO_COMMANDS].sort());
    expect(byLabel('Save')?.accelerator).toBe('CmdOrCtrl+S');
    expect(byLabel('Command Palette…')?.accelerator).toBe('CmdOrCtrl+Shift+P');
    expect(all.map((i) => i.role).filter(Boolean)).toEqual(expect.arrayContaining(['quit', 'editMenu', 'reload', 'about']));
  });

  it('follows macOS conventions there', () => {
    const template = menuTemplate({ command: () => {}, openWorkspace: () => {} }, 'darwin');
    expect(template[0].role).toBe('appMenu');
    expect(items(template).some((i) => i.role === 'quit')).toBe(false);
  });
});
