/**
 * Commands the desktop shell's native menus send to the renderer (Electron's `studio.command`
 * channel, `window.splStudio.onCommand`). The renderer runs them as it runs the same actions
 * from its own keyboard shortcuts and command palette. In a browser there are no native menus,
 * so these never arrive there.
 */
export const STUDIO_COMMANDS = ['file.save', 'palette.open', 'theme.toggle'] as const;

export type StudioCommand = (typeof STUDIO_COMMANDS)[number];

export function isStudioCommand(value: unknown): value is StudioCommand {
  return typeof value === 'string' && (STUDIO_COMMANDS as readonly string[]).includes(value);
}
