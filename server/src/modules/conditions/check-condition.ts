// Checks an untrusted condition tree against the field registry and resolves it into a checked
// tree (field definitions looked up, values parsed) that both back ends walk.
import { AppError, type FieldError } from '../../platform/errors.ts';
import { type Comparable, isUuid } from './field-values.ts';
import { parseDate, parseStrictDatetime } from './iso-time.ts';
import {
  CHANGE_OPS,
  type Condition,
  type ConditionScalar,
  type FieldDef,
  type FieldRegistry,
  type FieldType,
  OPS,
  OPS_BY_TYPE,
  type Op,
  VALUE_SHAPE,
} from './types.ts';

export const MAX_LIST_ITEMS = 500;
export const MAX_STRING_LENGTH = 1000;
const MAX_ERRORS = 50;

export interface CheckOptions {
  /** Allow `changed`, `changed_to`, `changed_from` (trigger conditions evaluated in memory). */
  allowChangeOps?: boolean;
  /** Deepest nesting allowed, the root being level 1 (default 10). */
  maxDepth?: number;
  /** Most nodes allowed, leaves included (default 200). */
  maxNodes?: number;
  /** Prefix of error paths, e.g. 'filter' gives 'filter/all/1/value' (default 'condition'). */
  path?: string;
}

export interface CheckedLeaf {
  kind: 'leaf';
  /** The field name as written (dynamic fields may be resolved to a shared definition). */
  field: string;
  def: FieldDef;
  op: Op;
  /** The value as given, for the returned condition. */
  raw: ConditionScalar | ConditionScalar[] | undefined;
  /** Parsed values: one for scalar operators, several for list and range operators, none otherwise. */
  values: Comparable[];
  path: string;
}
export type CheckedNode =
  | { kind: 'all' | 'any'; children: CheckedNode[] }
  | { kind: 'not'; child: CheckedNode }
  | CheckedLeaf;

interface Walk {
  registry: FieldRegistry;
  allowChangeOps: boolean;
  /** Stored conditions may name enum keys that were removed since; only fresh input is checked against `values`. */
  checkEnumValues: boolean;
  maxDepth: number;
  maxNodes: number;
  nodes: number;
  errors: FieldError[];
}

const OP_SET: ReadonlySet<string> = new Set(OPS);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function fail(w: Walk, field: string, message: string): undefined {
  if (w.errors.length < MAX_ERRORS) w.errors.push({ field, message });
  return undefined;
}

/** Well-formed UTF-16 without NUL: PostgreSQL text can hold neither lone surrogates nor NUL. */
function hasBadCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

function checkString(w: Walk, v: unknown, path: string): string | undefined {
  if (typeof v !== 'string') return fail(w, path, 'must be a string');
  if (v.length > MAX_STRING_LENGTH) return fail(w, path, `must be at most ${MAX_STRING_LENGTH} characters`);
  if (hasBadCharacters(v))
    return fail(w, path, 'contains characters that cannot be stored (NUL or a lone surrogate)');
  return v;
}

/** One scalar of a field type, parsed; undefined (and an error recorded) when invalid. */
function checkScalar(
  w: Walk,
  def: FieldDef,
  v: unknown,
  path: string,
): { raw: ConditionScalar; parsed: Comparable } | undefined {
  switch (def.type) {
    case 'text':
    case 'tags': {
      const s = checkString(w, v, path);
      return s === undefined ? undefined : { raw: s, parsed: s };
    }
    case 'enum': {
      const s = checkString(w, v, path);
      if (s === undefined) return undefined;
      if (s === '') return fail(w, path, 'must not be empty');
      if (w.checkEnumValues && def.values && !def.values.includes(s)) {
        return fail(w, path, `'${s}' is not one of the values of ${def.name}`);
      }
      return { raw: s, parsed: s };
    }
    case 'id': {
      if (typeof v !== 'string' || !isUuid(v)) return fail(w, path, 'must be a UUID');
      return { raw: v, parsed: v.toLowerCase() };
    }
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail(w, path, 'must be a finite number');
      return { raw: v, parsed: v };
    case 'boolean':
      if (typeof v !== 'boolean') return fail(w, path, 'must be true or false');
      return { raw: v, parsed: v };
    case 'datetime': {
      const micros = typeof v === 'string' ? parseStrictDatetime(v) : null;
      if (micros === null) {
        return fail(w, path, 'must be an ISO 8601 date and time with an offset, e.g. 2024-05-01T09:30:00Z');
      }
      return { raw: v as string, parsed: micros };
    }
    case 'date': {
      const date = typeof v === 'string' ? parseDate(v) : null;
      if (date === null) return fail(w, path, 'must be a date as YYYY-MM-DD');
      return { raw: date, parsed: date };
    }
  }
}

function compare(a: Comparable, b: Comparable): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkLeaf(w: Walk, input: Record<string, unknown>, path: string): CheckedLeaf | undefined {
  for (const key of Object.keys(input)) {
    if (key !== 'field' && key !== 'op' && key !== 'value') fail(w, `${path}/${key}`, 'is not allowed');
  }
  const name = input.field;
  if (typeof name !== 'string' || name === '') return fail(w, `${path}/field`, 'must be a field name');
  const def = w.registry.get(name);
  if (!def) return fail(w, `${path}/field`, `unknown field '${name.slice(0, 100)}'`);
  const op = input.op;
  if (typeof op !== 'string' || !OP_SET.has(op)) return fail(w, `${path}/op`, 'unknown operator');
  const typedOp = op as Op;
  if (!OPS_BY_TYPE[def.type].includes(typedOp)) {
    return fail(w, `${path}/op`, `'${op}' does not apply to ${describeType(def.type)} field`);
  }
  if (CHANGE_OPS.has(typedOp) && !w.allowChangeOps) {
    return fail(
      w,
      `${path}/op`,
      `'${op}' compares with a previous state and only works in trigger conditions`,
    );
  }
  const valuePath = `${path}/value`;
  const hasValue = Object.hasOwn(input, 'value');
  const v = input.value;
  const shape = VALUE_SHAPE[typedOp];
  const leaf = (raw: CheckedLeaf['raw'], values: Comparable[]): CheckedLeaf => ({
    kind: 'leaf',
    field: name,
    def,
    op: typedOp,
    raw,
    values,
    path,
  });
  if (shape === 'none') {
    if (hasValue) return fail(w, valuePath, `must not be given for '${op}'`);
    return leaf(undefined, []);
  }
  if (!hasValue) return fail(w, valuePath, `is required for '${op}'`);
  if (shape === 'scalar') {
    const one = checkScalar(w, def, v, valuePath);
    return one && leaf(one.raw, [one.parsed]);
  }
  if (!Array.isArray(v))
    return fail(w, valuePath, shape === 'range' ? 'must be [low, high]' : 'must be a list');
  if (shape === 'range' && v.length !== 2) return fail(w, valuePath, 'must be [low, high]');
  if (v.length > MAX_LIST_ITEMS) return fail(w, valuePath, `must have at most ${MAX_LIST_ITEMS} items`);
  const raws: ConditionScalar[] = [];
  const parsed: Comparable[] = [];
  let ok = true;
  v.forEach((item, i) => {
    const one = checkScalar(w, def, item, `${valuePath}/${i}`);
    if (one) {
      raws.push(one.raw);
      parsed.push(one.parsed);
    } else ok = false;
  });
  if (!ok) return undefined;
  if (shape === 'range' && compare(parsed[0] as Comparable, parsed[1] as Comparable) > 0) {
    return fail(w, valuePath, 'the low end must not be after the high end');
  }
  return leaf(raws, parsed);
}

function describeType(type: FieldType): string {
  return type === 'enum' || type === 'id' ? `an ${type}` : `a ${type}`;
}

function checkNode(w: Walk, input: unknown, path: string, depth: number): CheckedNode | undefined {
  w.nodes++;
  if (w.nodes > w.maxNodes) {
    if (w.nodes === w.maxNodes + 1) fail(w, path, `the condition has more than ${w.maxNodes} parts`);
    return undefined;
  }
  if (depth > w.maxDepth) return fail(w, path, `the condition is nested more than ${w.maxDepth} levels deep`);
  if (!isPlainObject(input)) return fail(w, path, 'must be an object');
  const keys = Object.keys(input);
  const group = keys.includes('all') ? 'all' : keys.includes('any') ? 'any' : undefined;
  if (group || keys.includes('not')) {
    const key = group ?? 'not';
    for (const k of keys) if (k !== key) fail(w, `${path}/${k}`, 'is not allowed');
    if (group) {
      const list = input[group];
      if (!Array.isArray(list)) return fail(w, `${path}/${group}`, 'must be a list of conditions');
      if (list.length > w.maxNodes)
        return fail(w, `${path}/${group}`, `the condition has more than ${w.maxNodes} parts`);
      const children: CheckedNode[] = [];
      list.forEach((child, i) => {
        const checked = checkNode(w, child, `${path}/${group}/${i}`, depth + 1);
        if (checked) children.push(checked);
      });
      return { kind: group, children };
    }
    const child = checkNode(w, input.not, `${path}/not`, depth + 1);
    return child && { kind: 'not', child };
  }
  if (keys.includes('field') || keys.includes('op')) return checkLeaf(w, input, path);
  return fail(w, path, "must have one of 'all', 'any', 'not' or 'field'");
}

/** Checks `input`; throws AppError('validation') listing every problem found (up to 50). */
export function checkCondition(
  input: unknown,
  registry: FieldRegistry,
  opts: CheckOptions & { checkEnumValues: boolean },
): CheckedNode {
  const w: Walk = {
    registry,
    allowChangeOps: opts.allowChangeOps ?? false,
    checkEnumValues: opts.checkEnumValues,
    maxDepth: opts.maxDepth ?? 10,
    maxNodes: opts.maxNodes ?? 200,
    nodes: 0,
    errors: [],
  };
  const root = checkNode(w, input, opts.path ?? 'condition', 1);
  if (!root || w.errors.length > 0) {
    const first = w.errors[0] ?? { field: opts.path ?? 'condition', message: 'is not a valid condition' };
    const errors = w.errors.length > 0 ? w.errors : [first];
    throw new AppError('validation', `Invalid condition: ${first.field} ${first.message}`, errors);
  }
  return root;
}

/** The condition as checked: a fresh plain copy holding only the known keys. */
export function toCondition(node: CheckedNode): Condition {
  switch (node.kind) {
    case 'all':
      return { all: node.children.map(toCondition) };
    case 'any':
      return { any: node.children.map(toCondition) };
    case 'not':
      return { not: toCondition(node.child) };
    case 'leaf':
      return node.raw === undefined
        ? { field: node.field, op: node.op }
        : { field: node.field, op: node.op, value: Array.isArray(node.raw) ? [...node.raw] : node.raw };
  }
}
