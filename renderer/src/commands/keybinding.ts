/**
 * Keybindings as written in command definitions ("Mod+Shift+P", "Shift+Alt+F", "F12"), matched
 * against keyboard events and shown the way each platform writes them. `Mod` is Cmd on macOS and
 * Ctrl elsewhere; `Ctrl` is Ctrl everywhere (Ctrl+Tab switches tabs on a Mac too).
 */

export interface Keybinding {
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
  /** The key as `keyName` reports it: "P", "1", "F12", "Tab", "/". */
  key: string;
}

export function isMacPlatform(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

export function parseKeybinding(text: string, mac = isMacPlatform()): Keybinding {
  const parts = text.split('+');
  const key = parts.pop() ?? '';
  const binding: Keybinding = { ctrl: false, shift: false, alt: false, meta: false, key: key.length === 1 ? key.toUpperCase() : key };
  for (const part of parts) {
    switch (part) {
      case 'Mod': if (mac) binding.meta = true; else binding.ctrl = true; break;
      case 'Ctrl': binding.ctrl = true; break;
      case 'Shift': binding.shift = true; break;
      case 'Alt': binding.alt = true; break;
      case 'Meta': case 'Cmd': binding.meta = true; break;
      default: throw new Error(`Unknown modifier '${part}' in keybinding '${text}'`);
    }
  }
  return binding;
}

/**
 * The key of an event, independent of the keyboard layout's shifted and Alt characters: letters
 * and digits come from `code` (Alt+F on a Mac types "ƒ", Shift+1 types "!"), the rest from `key`.
 */
export function keyName(event: Pick<KeyboardEvent, 'key' | 'code'>): string {
  const code = event.code ?? '';
  if (code.startsWith('Key')) return code.slice(3);
  if (code.startsWith('Digit')) return code.slice(5);
  if (event.key === ' ') return 'Space';
  return event.key.length === 1 ? event.key.toUpperCase() : event.key;
}

export function matchesKeybinding(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey'>, binding: Keybinding): boolean {
  return event.ctrlKey === binding.ctrl && event.shiftKey === binding.shift && event.altKey === binding.alt
    && event.metaKey === binding.meta && keyName(event) === binding.key;
}

const MAC_SYMBOLS: Record<string, string> = { ctrl: '⌃', alt: '⌥', shift: '⇧', meta: '⌘' };

/** A chord ("Mod+K Mod+I": one combination, then another) is written with a space. */
export function isChord(text: string): boolean {
  return text.includes(' ');
}

/** "Ctrl+Shift+P" on Linux and Windows, "⇧⌘P" on a Mac; chords as "Ctrl+K Ctrl+I". */
export function formatKeybinding(text: string, mac = isMacPlatform()): string {
  if (isChord(text)) return text.split(' ').map((part) => formatKeybinding(part, mac)).join(' ');
  const b = parseKeybinding(text, mac);
  if (mac) {
    return `${b.ctrl ? MAC_SYMBOLS.ctrl : ''}${b.alt ? MAC_SYMBOLS.alt : ''}${b.shift ? MAC_SYMBOLS.shift : ''}${b.meta ? MAC_SYMBOLS.meta : ''}${b.key}`;
  }
  return [b.ctrl && 'Ctrl', b.shift && 'Shift', b.alt && 'Alt', b.meta && 'Meta', b.key].filter(Boolean).join('+');
}
