// The view editor's model of a condition: groups ("all", "any", "none" of their children) and
// field conditions, each with a stable id, converted to and from the condition language.
import type { Condition } from './built-in-views.ts';
import { valueShape } from './ticket-field-catalog.ts';

export type GroupMode = 'all' | 'any' | 'none';
export interface LeafNode {
  kind: 'leaf';
  id: string;
  field: string;
  op: string;
  value: unknown;
}
export interface GroupNode {
  kind: 'group';
  id: string;
  mode: GroupMode;
  children: TreeNode[];
}
export type TreeNode = LeafNode | GroupNode;

let nextId = 0;
export const newId = (): string => `n${++nextId}`;

export const emptyLeaf = (): LeafNode => ({ kind: 'leaf', id: newId(), field: '', op: '', value: undefined });
export const emptyGroup = (mode: GroupMode = 'all'): GroupNode => ({
  kind: 'group',
  id: newId(),
  mode,
  children: [],
});

function fromNode(c: Condition): TreeNode {
  if ('all' in c) return { kind: 'group', id: newId(), mode: 'all', children: c.all.map(fromNode) };
  if ('any' in c) return { kind: 'group', id: newId(), mode: 'any', children: c.any.map(fromNode) };
  if ('not' in c) {
    const inner = c.not;
    const children = 'any' in inner ? inner.any.map(fromNode) : [fromNode(inner)];
    return { kind: 'group', id: newId(), mode: 'none', children };
  }
  return { kind: 'leaf', id: newId(), field: c.field, op: c.op, value: c.value };
}

/** The editor's tree of a condition; the root is always a group. */
export function fromCondition(c: Condition | undefined): GroupNode {
  if (!c) return emptyGroup();
  const node = fromNode(c);
  return node.kind === 'group' ? node : { kind: 'group', id: newId(), mode: 'all', children: [node] };
}

/**
 * The condition of a tree, and where each node lands in it (error paths from the server, such as
 * `body/condition/all/1/value`, point back at the node that caused them).
 */
export function toCondition(
  root: GroupNode,
  base = 'body/condition',
): { condition: Condition; paths: Map<string, string> } {
  const paths = new Map<string, string>();
  const walk = (node: TreeNode, path: string): Condition => {
    paths.set(path, node.id);
    if (node.kind === 'leaf') {
      return valueShape(node.op) === 'none' || node.value === undefined
        ? { field: node.field, op: node.op }
        : { field: node.field, op: node.op, value: node.value };
    }
    if (node.mode === 'none') {
      return { not: { any: node.children.map((ch, i) => walk(ch, `${path}/not/any/${i}`)) } };
    }
    const key = node.mode;
    const children = node.children.map((ch, i) => walk(ch, `${path}/${key}/${i}`));
    return key === 'all' ? { all: children } : { any: children };
  };
  return { condition: walk(root, base), paths };
}

/** The node an error path points into: the longest known path that starts it. */
export function nodeOfErrorPath(paths: Map<string, string>, errorPath: string): string | undefined {
  let best: string | undefined;
  for (const path of paths.keys()) {
    if ((errorPath === path || errorPath.startsWith(`${path}/`)) && (!best || path.length > best.length))
      best = path;
  }
  return best ? paths.get(best) : undefined;
}

/** Whether a leaf is filled in enough to send. */
export function leafComplete(leaf: LeafNode): boolean {
  if (!leaf.field || !leaf.op) return false;
  const shape = valueShape(leaf.op);
  if (shape === 'none') return true;
  if (shape === 'list') return Array.isArray(leaf.value) && leaf.value.length > 0;
  if (shape === 'range')
    return (
      Array.isArray(leaf.value) && leaf.value.length === 2 && leaf.value.every((v) => v !== '' && v != null)
    );
  return leaf.value !== undefined && leaf.value !== '' && leaf.value !== null;
}

export function treeComplete(node: TreeNode): boolean {
  return node.kind === 'leaf' ? leafComplete(node) : node.children.every(treeComplete);
}

/** A copy of the tree with `id` replaced by `replace(node)` (or removed when it returns null). */
export function updateNode(
  root: GroupNode,
  id: string,
  replace: (n: TreeNode) => TreeNode | null,
): GroupNode {
  const walk = (node: TreeNode): TreeNode | null => {
    if (node.id === id) return replace(node);
    if (node.kind === 'leaf') return node;
    const children = node.children.map(walk).filter((n): n is TreeNode => n !== null);
    return { ...node, children };
  };
  return (walk(root) as GroupNode | null) ?? emptyGroup();
}
