// The reports-to tree of roles (A2) and the department tree (A5) as flat lists in tree order with
// each node's depth, and a node's subtree (a node may not move under itself: that makes a cycle).

interface Node {
  id: string;
  name: string;
  parentId?: string | null;
}

export interface TreeRow<T extends Node> {
  node: T;
  depth: number;
}

/** Parents before children, siblings by name (as the server orders them, but robust to any order). */
export function treeRows<T extends Node>(
  nodes: readonly T[],
  collate: (a: string, b: string) => number,
): Array<TreeRow<T>> {
  const children = new Map<string | null, T[]>();
  const ids = new Set(nodes.map((r) => r.id));
  for (const r of nodes) {
    const parent = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: Array<TreeRow<T>> = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const node of [...(children.get(parent) ?? [])].sort((a, b) => collate(a.name, b.name))) {
      if (seen.has(node.id)) continue;
      seen.add(node.id);
      out.push({ node, depth });
      walk(node.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The node and every node below it. */
export function subtreeOf(nodes: readonly Node[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of nodes)
      if (r.parentId && out.has(r.parentId) && !out.has(r.id)) {
        out.add(r.id);
        grew = true;
      }
  }
  return out;
}
