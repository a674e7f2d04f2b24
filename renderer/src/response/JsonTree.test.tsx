import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JsonTree } from './JsonTree.js';
import { buildResultTree, type TreeNode } from './result-tree.js';

afterEach(cleanup);

function root(text: string): TreeNode {
  const built = buildResultTree(text, undefined);
  if ('error' in built) throw new Error(built.error);
  return built.root;
}

const rows = () => screen.getAllByRole('treeitem');
const focused = () => document.activeElement as HTMLElement;

describe('the result tree view', () => {
  it('expands and collapses with the keyboard and the mouse', () => {
    render(<JsonTree root={root('{"a": {"b": [1, 2]}, "c": "x"}')} label="Result" onCopy={() => {}} />);
    expect(rows().map((r) => r.getAttribute('aria-level'))).toEqual(['1', '2', '3', '4', '4', '2']);
    const tree = screen.getByRole('tree', { name: 'Result' });
    rows()[0].focus();
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(focused().textContent).toContain('a:');
    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(rows()).toHaveLength(3);
    expect(rows()[1].getAttribute('aria-expanded')).toBe('false');
    fireEvent.keyDown(tree, { key: 'ArrowRight' });
    expect(rows()).toHaveLength(6);
    fireEvent.keyDown(tree, { key: 'End' });
    expect(focused().textContent).toContain('"x"');
    fireEvent.click(rows()[0]);
    expect(rows()).toHaveLength(1);
  });

  it('copies a value as Avro JSON, longs exact, with Ctrl+C or the row button', () => {
    const onCopy = vi.fn();
    render(<JsonTree root={root('{"big": 18446744073709551615, "list": [true]}')} label="Result" onCopy={onCopy} />);
    const tree = screen.getByRole('tree', { name: 'Result' });
    rows()[0].focus();
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    fireEvent.keyDown(tree, { key: 'c', ctrlKey: true });
    expect(onCopy).toHaveBeenLastCalledWith('18446744073709551615', '"big"');
    fireEvent.click(within(rows()[2]).getByRole('button', { name: 'Copy the value of list' }));
    expect(onCopy).toHaveBeenLastCalledWith('[true]', '"list"');
    fireEvent.click(within(rows()[0]).getByRole('button', { name: 'Copy the whole value' }));
    expect(onCopy.mock.calls.at(-1)?.[0]).toBe('{\n  "big": 18446744073709551615,\n  "list": [true]\n}');
  });
});
