// The in-memory back end: decides a condition for one snapshot (and, for triggers, the snapshot
// before the change).

import { foldCase } from './case-fold.ts';
import { type CheckedLeaf, type CheckedNode, type CheckOptions, checkCondition } from './check-condition.ts';
import { type Comparable, readScalar, readTags, readText } from './field-values.ts';
import type { Condition, FieldRegistry } from './types.ts';

export interface EvaluateOptions extends Pick<CheckOptions, 'maxDepth' | 'maxNodes' | 'path'> {
  /** The snapshot before the change; without it the change operators are false. */
  previous?: Record<string, unknown>;
}

type Snapshot = Record<string, unknown>;

/** A leaf's text values, folded once. */
const foldedNeedles = new WeakMap<CheckedLeaf, string[]>();

/**
 * The subject's texts, folded once for the many conditions that read them (a ticket's description
 * against every rule): the last few folds, by the text.
 */
const recentFolds = new Map<string, string>();
const RECENT_FOLDS = 64;
function foldText(text: string): string {
  if (text.length < 16) return foldCase(text);
  let folded = recentFolds.get(text);
  if (folded === undefined) {
    folded = foldCase(text);
    if (recentFolds.size >= RECENT_FOLDS) recentFolds.clear();
    recentFolds.set(text, folded);
  }
  return folded;
}

function textMatches(leaf: CheckedLeaf, raw: unknown): boolean {
  const x = foldText(readText(raw));
  let needles = foldedNeedles.get(leaf);
  if (!needles) {
    needles = leaf.values.map((v) => foldCase(v as string));
    foldedNeedles.set(leaf, needles);
  }
  switch (leaf.op) {
    case 'eq':
    case 'changed_to':
    case 'changed_from':
      return x === needles[0];
    case 'ne':
      return x !== needles[0];
    case 'in':
      return needles.includes(x);
    case 'not_in':
      return !needles.includes(x);
    case 'contains':
      return x.includes(needles[0] as string);
    case 'not_contains':
      return !x.includes(needles[0] as string);
    case 'starts_with':
      return x.startsWith(needles[0] as string);
    case 'ends_with':
      return x.endsWith(needles[0] as string);
    case 'contains_any':
      return needles.some((n) => x.includes(n));
    case 'contains_none':
      return !needles.some((n) => x.includes(n));
    case 'is_empty':
      return x === '';
    case 'is_not_empty':
      return x !== '';
    default:
      return false;
  }
}

function tagsMatch(leaf: CheckedLeaf, raw: unknown): boolean {
  const tags = readTags(raw);
  const has = (v: Comparable) => tags.includes(v);
  switch (leaf.op) {
    case 'has':
      return has(leaf.values[0] as Comparable);
    case 'has_any':
      return leaf.values.some(has);
    case 'has_all':
      return leaf.values.every(has);
    case 'has_none':
      return !leaf.values.some(has);
    case 'is_empty':
      return tags.length === 0;
    case 'is_not_empty':
      return tags.length > 0;
    default:
      return false;
  }
}

function scalarMatches(leaf: CheckedLeaf, x: Comparable | null): boolean {
  const v = leaf.values;
  // A missing value equals nothing and is ordered against nothing; the negative operators are
  // the exact complements of the positive ones, so they are true for it.
  switch (leaf.op) {
    case 'eq':
    case 'changed_to':
    case 'changed_from':
      return x !== null && x === v[0];
    case 'ne':
      return !(x !== null && x === v[0]);
    case 'in':
      return x !== null && v.includes(x);
    case 'not_in':
      return !(x !== null && v.includes(x));
    case 'gt':
      return x !== null && x > (v[0] as Comparable);
    case 'gte':
      return x !== null && x >= (v[0] as Comparable);
    case 'lt':
      return x !== null && x < (v[0] as Comparable);
    case 'lte':
      return x !== null && x <= (v[0] as Comparable);
    case 'between':
      return x !== null && x >= (v[0] as Comparable) && x <= (v[1] as Comparable);
    case 'is_empty':
      return x === null;
    case 'is_not_empty':
      return x !== null;
    default:
      return false;
  }
}

function valueMatches(leaf: CheckedLeaf, raw: unknown): boolean {
  const type = leaf.def.type;
  if (type === 'text') return textMatches(leaf, raw);
  if (type === 'tags') return tagsMatch(leaf, raw);
  return scalarMatches(leaf, readScalar(type, raw));
}

/** Whether a field's value differs between two snapshots (exactly: a change of case is a change; tags as sets). */
function changed(leaf: CheckedLeaf, before: unknown, after: unknown): boolean {
  const type = leaf.def.type;
  if (type === 'text') return readText(before) !== readText(after);
  if (type === 'tags') {
    const a = new Set(readTags(before));
    const b = new Set(readTags(after));
    return a.size !== b.size || [...a].some((t) => !b.has(t));
  }
  return readScalar(type, before) !== readScalar(type, after);
}

function evaluateLeaf(leaf: CheckedLeaf, subject: Snapshot, previous: Snapshot | undefined): boolean {
  const current = leaf.def.read(subject);
  if (leaf.op === 'changed' || leaf.op === 'changed_to' || leaf.op === 'changed_from') {
    if (!previous) return false;
    const before = leaf.def.read(previous);
    if (!changed(leaf, before, current)) return false;
    if (leaf.op === 'changed') return true;
    return valueMatches(leaf, leaf.op === 'changed_to' ? current : before);
  }
  return valueMatches(leaf, current);
}

function evaluateNode(node: CheckedNode, subject: Snapshot, previous: Snapshot | undefined): boolean {
  switch (node.kind) {
    case 'all':
      return node.children.every((c) => evaluateNode(c, subject, previous));
    case 'any':
      return node.children.some((c) => evaluateNode(c, subject, previous));
    case 'not':
      return !evaluateNode(node.child, subject, previous);
    case 'leaf':
      return evaluateLeaf(node, subject, previous);
  }
}

/** Checked trees of the conditions evaluated with the default limits, by registry and condition. */
const checkedTrees = new WeakMap<FieldRegistry, WeakMap<object, CheckedNode>>();

/**
 * Decides `cond` for `subject` in memory. The condition is checked again (fields, operators,
 * value types, change operators allowed; enum keys not re-checked against current values) —
 * once per condition object and registry, as a stored rule's or policy's is decided again and
 * again (so a condition object must not be changed once decided).
 */
export function evaluate(
  cond: Condition,
  subject: Snapshot,
  registry: FieldRegistry,
  opts: EvaluateOptions = {},
): boolean {
  const { maxDepth, maxNodes, path } = opts;
  const reusable = maxDepth === undefined && maxNodes === undefined && path === undefined;
  let trees = reusable ? checkedTrees.get(registry) : undefined;
  let root = trees?.get(cond);
  if (!root) {
    root = checkCondition(cond, registry, {
      maxDepth,
      maxNodes,
      path,
      allowChangeOps: true,
      checkEnumValues: false,
    });
    if (reusable) {
      if (!trees) {
        trees = new WeakMap();
        checkedTrees.set(registry, trees);
      }
      trees.set(cond, root);
    }
  }
  return evaluateNode(root, subject, opts.previous);
}
