/**
 * The workspace tree, built from the host's flat list of entries: folders first, then files,
 * each sorted by name the way people read them ("v2" before "v10"). The tree view shows the
 * rows of expanded folders only; `visibleRows` flattens it for rendering and arrow keys.
 */
import type { WorkspaceEntry } from '../../../shared/studio/api.js';
import { baseName } from './file-kind.js';

export interface TreeNode {
  name: string;
  path: string;
  kind: 'file' | 'directory';
  children: TreeNode[];
}

export interface TreeRow {
  node: TreeNode;
  depth: number;
  /** The folder the row sits in ('' for the root), for Left-arrow navigation. */
  parent: string;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function compareNodes(a: TreeNode, b: TreeNode): number {
  if (a.kind !== b.kind) return a.kind === 'directory' ? -1 : 1;
  return collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Builds the tree; folders implied by a file's path exist even if the list omits them. */
export function buildTree(entries: readonly WorkspaceEntry[]): TreeNode[] {
  const root: TreeNode = { name: '', path: '', kind: 'directory', children: [] };
  const folders = new Map<string, TreeNode>([['', root]]);
  const folder = (path: string): TreeNode => {
    const known = folders.get(path);
    if (known) return known;
    const slash = path.lastIndexOf('/');
    const parent = folder(slash < 0 ? '' : path.slice(0, slash));
    const node: TreeNode = { name: baseName(path), path, kind: 'directory', children: [] };
    parent.children.push(node);
    folders.set(path, node);
    return node;
  };
  for (const entry of entries) {
    if (entry.kind === 'directory') {
      folder(entry.path);
      continue;
    }
    const slash = entry.path.lastIndexOf('/');
    folder(slash < 0 ? '' : entry.path.slice(0, slash)).children.push({ name: baseName(entry.path), path: entry.path, kind: 'file', children: [] });
  }
  const sort = (node: TreeNode): void => {
    node.children.sort(compareNodes);
    node.children.forEach(sort);
  };
  sort(root);
  return root.children;
}

export function visibleRows(tree: readonly TreeNode[], expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (nodes: readonly TreeNode[], depth: number, parent: string): void => {
    for (const node of nodes) {
      rows.push({ node, depth, parent });
      if (node.kind === 'directory' && expanded.has(node.path)) walk(node.children, depth + 1, node.path);
    }
  };
  walk(tree, 0, '');
  return rows;
}

/** Every folder on the way to `path` (not `path` itself), so revealing a file can expand them. */
export function ancestors(path: string): string[] {
  const parts = path.split('/');
  const result: string[] = [];
  for (let i = 1; i < parts.length; i++) result.push(parts.slice(0, i).join('/'));
  return result;
}
