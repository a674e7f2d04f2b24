/**
 * The command palette and quick open, one box as in VS Code: Ctrl+Shift+P opens it on
 * commands (the text starts with ">"), Ctrl+P on files; ":" followed by a number goes to that
 * line. Fuzzy filtered as you type; Up/Down, Page keys, Enter and Escape; every command shows
 * its keybinding, and the ones that cannot run now stay listed but dimmed.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useStudio, useSlice } from '../app/studio.js';
import { fuzzyFilter, type FuzzyMatch } from '../commands/fuzzy.js';
import { formatKeybinding } from '../commands/keybinding.js';
import { commandLabel, isEnabled, type Command } from '../commands/registry.js';
import { baseName, dirName, fileIcon, fileKind } from '../workspace/file-kind.js';
import { Highlighted } from './Highlighted.js';

interface Item {
  key: string;
  label: string;
  match: FuzzyMatch;
  icon?: string;
  description?: string;
  keys?: string[];
  disabled?: boolean;
  run: () => void;
}

const PAGE = 10;
const MAX_ITEMS = 200;

export function QuickPick() {
  const studio = useStudio();
  const mode = useSlice(studio.layout, (s) => s.quickPick);
  if (!mode) return null;
  return <QuickPickBox key={mode} initial={mode === 'commands' ? '>' : ''} />;
}

function QuickPickBox({ initial }: { initial: string }) {
  const studio = useStudio();
  const [query, setQuery] = useState(initial);
  const [index, setIndex] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const restoreFocus = useRef<HTMLElement | null>(document.activeElement instanceof HTMLElement ? document.activeElement : null);
  const listId = useId();
  const commands = useSlice(studio.commands, (s) => s.commands);
  const entries = useSlice(studio.workspace, (s) => s.entries);
  const tabs = useSlice(studio.tabs, (s) => s.tabs);

  const close = (refocus = true): void => {
    studio.layout.getState().closeQuickPick();
    if (refocus) requestAnimationFrame(() => restoreFocus.current?.focus());
  };

  const mode = query.startsWith('>') ? 'commands' : query.startsWith(':') ? 'line' : 'files';

  const items = useMemo<Item[]>(() => {
    if (mode === 'commands') {
      return fuzzyFilter(commands, query.slice(1), commandLabel).slice(0, MAX_ITEMS).map(({ item, match }) => ({
        key: item.id,
        label: commandLabel(item),
        match,
        keys: item.keys,
        disabled: !isEnabled(item),
        run: () => runCommand(item),
      }));
    }
    if (mode === 'line') {
      const line = Number.parseInt(query.slice(1), 10);
      const active = studio.tabs.getState().active;
      if (!active) return [{ key: 'no-file', label: 'Open a file to go to a line', match: { score: 0, indices: [] }, disabled: true, run: () => {} }];
      return [{
        key: 'line',
        label: Number.isFinite(line) && line > 0 ? `Go to line ${line}` : 'Type a line number to go to',
        match: { score: 0, indices: [] },
        disabled: !(Number.isFinite(line) && line > 0),
        run: () => {
          close(false);
          studio.editor.revealWhenShown(active, { startLineNumber: line, startColumn: 1 });
        },
      }];
    }
    // Open tabs first when nothing is typed: they are usually what people switch to.
    const files = entries.filter((e) => e.kind === 'file').map((e) => e.path);
    const ordered = query.trim() === '' ? [...tabs.filter((t) => files.includes(t)), ...files.filter((f) => !tabs.includes(f))] : files;
    return fuzzyFilter(ordered, query, (p) => p).slice(0, MAX_ITEMS).map(({ item: path, match }) => ({
      key: path,
      label: baseName(path),
      description: dirName(path),
      icon: `${fileIcon(path)} kind-${fileKind(path)}`,
      match,
      run: () => {
        close(false);
        void studio.openFile(path);
      },
    }));
    // runCommand and close only read stores; they need not invalidate the list.
  }, [mode, query, commands, entries, tabs]);

  function runCommand(command: Command): void {
    close();
    // After focus is back where the command expects it (the editor, for editor actions).
    requestAnimationFrame(() => void studio.commands.getState().run(command.id));
  }

  useEffect(() => {
    inputRef.current?.focus();
    const input = inputRef.current;
    if (input) input.setSelectionRange(input.value.length, input.value.length);
  }, []);

  useEffect(() => setIndex(0), [query]);

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  const choose = (item: Item | undefined): void => {
    if (item && !item.disabled) item.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    const last = items.length - 1;
    switch (event.key) {
      case 'ArrowDown': setIndex((i) => (i >= last ? 0 : i + 1)); break;
      case 'ArrowUp': setIndex((i) => (i <= 0 ? last : i - 1)); break;
      case 'PageDown': setIndex((i) => Math.min(last, i + PAGE)); break;
      case 'PageUp': setIndex((i) => Math.max(0, i - PAGE)); break;
      case 'Enter': choose(items[index]); break;
      case 'Escape': close(); break;
      default: return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  const title = mode === 'commands' ? 'Command palette' : mode === 'line' ? 'Go to line' : 'Go to file';
  const placeholder = mode === 'files' ? 'Search files by name (type > for commands, : for a line)' : undefined;
  const labelOffset = (item: Item): number => (mode === 'files' ? item.key.length - item.label.length : 0);

  return (
    <div className="quickpick-backdrop" data-modal onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="quickpick" role="dialog" aria-label={title}>
        <input
          ref={inputRef}
          className="quickpick-input"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={items[index] ? `${listId}-${index}` : undefined}
          aria-label={title}
          placeholder={placeholder}
          value={query}
          spellCheck={false}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={(e) => {
            if (!e.currentTarget.closest('.quickpick')?.contains(e.relatedTarget as Node | null)) close(false);
          }}
        />
        <ul ref={listRef} id={listId} role="listbox" aria-label={title} className="quickpick-list">
          {items.length === 0 && <li className="quickpick-empty" role="presentation">{mode === 'commands' ? 'No matching commands' : 'No matching files'}</li>}
          {items.map((item, i) => (
            <li
              key={item.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === index}
              aria-disabled={item.disabled || undefined}
              className={`quickpick-item${i === index ? ' is-active' : ''}${item.disabled ? ' is-disabled' : ''}`}
              onMouseMove={() => i !== index && setIndex(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(item)}
            >
              {item.icon && <span className={`quickpick-icon codicon codicon-${item.icon}`} aria-hidden="true" />}
              <span className="quickpick-label">
                <Highlighted text={item.label} indices={item.match.indices} offset={labelOffset(item)} />
              </span>
              {item.description && <span className="quickpick-description">{item.description}</span>}
              {item.keys && item.keys.length > 0 && (
                <span className="quickpick-keys">
                  {item.keys.slice(0, 2).map((k) => <kbd key={k}>{formatKeybinding(k)}</kbd>)}
                </span>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
