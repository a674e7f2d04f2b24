import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { readProtocolJson } from '../../../shared/avro/schema-reader.js';
import { ORDERS_PROTOCOL } from './test-network.js';
import { buildTypeTree, typeText } from './type-tree-model.js';
import { TypeTree } from './TypeTree.js';

afterEach(cleanup);

const protocol = readProtocolJson(ORDERS_PROTOCOL, { file: 'orders.avpr' });
const get = protocol.messages.find((m) => m.name === 'get')!;
const order = protocol.types.find((t) => t.name === 'Order')!;

const rowTexts = (tree: HTMLElement) => within(tree).getAllByRole('treeitem').map((r) => r.textContent);
const row = (prefix: string) => screen.getAllByRole('treeitem').find((r) => r.textContent?.startsWith(prefix))!;

describe('the type tree model', () => {
  it('names every kind of type', () => {
    const fields = Object.fromEntries((order.type === 'record' ? order.fields : []).map((f) => [f.name, typeText(f.type)]));
    expect(fields).toEqual({
      id: 'long',
      placed: 'long · timestamp-millis',
      status: 'enum Status',
      lines: 'map<int>',
      note: 'union {null, string}',
      digest: 'fixed Digest (16 bytes)',
      category: 'record Category',
    });
  });

  it('shows a recursive type once, and refers to it after', () => {
    const [root] = buildTypeTree([{ name: 'order', type: order }]);
    const category = root!.children.find((c) => c.name === 'category')!;
    const children = category.children.find((c) => c.name === 'children')!;
    const item = children.children[0]!;
    expect(item.typeText).toBe('record Category');
    expect(item.refTo).toBe(category.id);
    expect(item.children).toEqual([]);
  });
});

describe('the type tree', () => {
  it('shows fields with their types, defaults, symbols and docs, one level open', () => {
    render(<TypeTree items={[{ name: 'order', type: order }]} label="Order" />);
    const tree = screen.getByRole('tree', { name: 'Order' });
    const rows = rowTexts(tree);
    expect(rows[0]).toContain('record Order');
    expect(rows[0]).toContain('One order.');
    expect(rows).toContainEqual(expect.stringContaining('idlongUnique per shop.'));
    expect(rows).toContainEqual(expect.stringContaining('status'));
    expect(rows.find((r) => r?.startsWith('status'))).toBe('statusenum Status{OPEN, SHIPPED, CLOSED}= "OPEN"Where an order is.');
    expect(rows.find((r) => r?.startsWith('note'))).toBe('noteunion {null, string}= null');
    // Category's fields are one level further: closed at first.
    expect(rows.some((r) => r?.startsWith('label'))).toBe(false);
  });

  it('opens and closes with the keyboard, and follows a reference to the full type', () => {
    render(<TypeTree items={[{ name: 'order', type: order }]} label="Order" />);
    const tree = screen.getByRole('tree');
    const category = row('categoryrecord Category');
    expect(category.getAttribute('aria-expanded')).toBe('false');
    category.focus();
    fireEvent.click(category);
    expect(category.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toMatch(/^childrenarray<Category>/);
    fireEvent.keyDown(tree, { key: 'ArrowRight' });
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    const ref = document.activeElement as HTMLElement;
    expect(ref.textContent).toMatch(/^itemsrecord Category/);
    expect(ref.hasAttribute('aria-expanded')).toBe(false);
    fireEvent.keyDown(tree, { key: 'Enter' });
    expect(document.activeElement).toBe(row('categoryrecord Category'));

    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(row('categoryrecord Category').getAttribute('aria-expanded')).toBe('false');
    fireEvent.keyDown(tree, { key: 'Home' });
    expect(document.activeElement?.textContent).toMatch(/^orderrecord Order/);
    fireEvent.keyDown(tree, { key: 'End' });
    expect(document.activeElement?.textContent).toMatch(/^category/);
  });

  it('lists message parameters, and says when there are none', () => {
    const { rerender } = render(<TypeTree items={get.request} label="Request" />);
    expect(rowTexts(screen.getByRole('tree'))).toEqual(['idlongThe order to find.']);
    rerender(<TypeTree items={[]} label="Request" emptyText="No parameters." />);
    expect(screen.getByText('No parameters.')).toBeTruthy();
  });
});
