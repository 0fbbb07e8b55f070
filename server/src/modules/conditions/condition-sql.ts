// The SQL back end: a condition becomes one boolean drizzle expression for WHERE clauses. Every
// value is a bound parameter; every leaf yields TRUE or FALSE, never NULL, so NOT and the
// negative operators mean exactly what the in-memory evaluator means.
import { type SQL, sql } from 'drizzle-orm';
import { caseInsensitivePattern } from './case-fold.ts';
import { type CheckedLeaf, type CheckedNode, type CheckOptions, checkCondition } from './check-condition.ts';
import type { Comparable } from './field-values.ts';
import { formatMicros } from './iso-time.ts';
import type { Condition, FieldRegistry, FieldType } from './types.ts';

export type ToSqlOptions = Pick<CheckOptions, 'maxDepth' | 'maxNodes' | 'path'>;

const TRUE = sql`TRUE`;
const FALSE = sql`FALSE`;

/** A PostgreSQL array literal ('{"a","b\"c"}'), passed as one bound parameter. */
export function pgArrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** The parameter text of a parsed value; datetimes go out as canonical UTC, read alike by every server. */
function paramText(type: FieldType, v: Comparable): string {
  if (type === 'datetime') return formatMicros(v as bigint);
  return String(v);
}

/** `(x IS NOT NULL AND pred)`: FALSE rather than NULL when the field is missing, and still index-friendly. */
function present(x: SQL, pred: SQL): SQL {
  return sql`(${x} IS NOT NULL AND ${pred})`;
}

function not(pred: SQL): SQL {
  return sql`(NOT ${pred})`;
}

/** Text is read as '' when NULL; the patterns are anchored as the operator needs. */
function textMatch(x: SQL, patterns: string[], matchesEmpty: boolean): SQL {
  if (patterns.length === 0) return FALSE;
  const match =
    patterns.length === 1 ? sql`${x} ~ ${patterns[0]}` : sql`${x} ~ ANY(${pgArrayLiteral(patterns)}::text[])`;
  // A NULL text is the empty string: it matches exactly when '' would.
  return matchesEmpty ? sql`(${x} IS NULL OR ${match})` : present(x, match);
}

function textSql(leaf: CheckedLeaf): SQL {
  const x = leaf.def.sql;
  const needles = leaf.values as string[];
  const hasEmpty = needles.includes('');
  const whole = needles.map((n) => `^${caseInsensitivePattern(n)}$`);
  const inside = needles.map((n) => caseInsensitivePattern(n));
  const first = needles[0] ?? '';
  switch (leaf.op) {
    case 'eq':
      return textMatch(x, whole, hasEmpty);
    case 'ne':
      return not(textMatch(x, whole, hasEmpty));
    case 'in':
      return textMatch(x, whole, hasEmpty);
    case 'not_in':
      return not(textMatch(x, whole, hasEmpty));
    case 'contains':
      return textMatch(x, inside, hasEmpty);
    case 'not_contains':
      return not(textMatch(x, inside, hasEmpty));
    case 'starts_with':
      return textMatch(x, [`^${caseInsensitivePattern(first)}`], hasEmpty);
    case 'ends_with':
      return textMatch(x, [`${caseInsensitivePattern(first)}$`], hasEmpty);
    case 'contains_any':
      return textMatch(x, inside, hasEmpty);
    case 'contains_none':
      return not(textMatch(x, inside, hasEmpty));
    case 'is_empty':
      return sql`(${x} IS NULL OR ${x} = '')`;
    case 'is_not_empty':
      return sql`(${x} IS NOT NULL AND ${x} <> '')`;
    default:
      throw new Error(`unreachable: ${leaf.op} on text`);
  }
}

function tagsSql(leaf: CheckedLeaf): SQL {
  const x = leaf.def.sql;
  const tags = pgArrayLiteral(leaf.values as string[]);
  const any = leaf.values.length === 0 ? FALSE : present(x, sql`${x} && ${tags}::text[]`);
  switch (leaf.op) {
    case 'has':
    case 'has_all':
      return leaf.values.length === 0 ? TRUE : present(x, sql`${x} @> ${tags}::text[]`);
    case 'has_any':
      return any;
    case 'has_none':
      return not(any);
    case 'is_empty':
      return sql`(${x} IS NULL OR cardinality(${x}) = 0)`;
    case 'is_not_empty':
      return sql`(${x} IS NOT NULL AND cardinality(${x}) > 0)`;
    default:
      throw new Error(`unreachable: ${leaf.op} on tags`);
  }
}

/** The SQL type a value of this field type is cast to; enums and ids stay untyped so PostgreSQL takes the column's type (a PostgreSQL enum, uuid or text). */
const CAST: Record<Exclude<FieldType, 'text' | 'tags'>, string | undefined> = {
  number: 'numeric',
  boolean: 'boolean',
  datetime: 'timestamptz',
  date: 'date',
  enum: undefined,
  id: undefined,
};

function scalarSql(leaf: CheckedLeaf, type: Exclude<FieldType, 'text' | 'tags'>): SQL {
  const x = leaf.def.sql;
  const cast = CAST[type];
  const one = (v: Comparable | undefined): SQL => {
    const p = sql`${paramText(type, v as Comparable)}`;
    return cast ? sql`${p}::${sql.raw(cast)}` : p;
  };
  const list = (): SQL => {
    const p = sql`${pgArrayLiteral(leaf.values.map((v) => paramText(type, v)))}`;
    return cast ? sql`${p}::${sql.raw(cast)}[]` : p;
  };
  const eq = () =>
    type === 'boolean' && leaf.def.neverNull
      ? leaf.values[0] === true
        ? sql`(${x})`
        : sql`(NOT ${x})`
      : present(x, sql`${x} = ${one(leaf.values[0])}`);
  const inList = () => (leaf.values.length === 0 ? FALSE : present(x, sql`${x} = ANY(${list()})`));
  switch (leaf.op) {
    case 'eq':
      return eq();
    case 'ne':
      return not(eq());
    case 'in':
      return inList();
    case 'not_in':
      return not(inList());
    case 'gt':
      return present(x, sql`${x} > ${one(leaf.values[0])}`);
    case 'gte':
      return present(x, sql`${x} >= ${one(leaf.values[0])}`);
    case 'lt':
      return present(x, sql`${x} < ${one(leaf.values[0])}`);
    case 'lte':
      return present(x, sql`${x} <= ${one(leaf.values[0])}`);
    case 'between':
      return present(x, sql`${x} BETWEEN ${one(leaf.values[0])} AND ${one(leaf.values[1])}`);
    case 'is_empty':
      // enum and id expressions may be text holding ''; the in-memory reader treats '' as empty too
      return (type === 'enum' || type === 'id') && !leaf.def.neverBlank
        ? sql`(${x} IS NULL OR ${x}::text = '')`
        : sql`(${x} IS NULL)`;
    case 'is_not_empty':
      return (type === 'enum' || type === 'id') && !leaf.def.neverBlank
        ? sql`(${x} IS NOT NULL AND ${x}::text <> '')`
        : sql`(${x} IS NOT NULL)`;
    default:
      throw new Error(`unreachable: ${leaf.op} on ${type}`);
  }
}

/** Operators true for a missing value, each the exact complement of a positive one. */
const COMPLEMENT: Partial<Record<string, string>> = {
  ne: 'eq',
  not_in: 'in',
  is_empty: 'is_not_empty',
};

/** A leaf on a field kept in another table: EXISTS over its row, or NOT EXISTS for the complement. */
function rowSql(leaf: CheckedLeaf, type: Exclude<FieldType, 'text' | 'tags'>): SQL {
  const row = leaf.def.row!;
  const positive = COMPLEMENT[leaf.op];
  const onColumn = (op: string) =>
    scalarSql({ ...leaf, op: op as CheckedLeaf['op'], def: { ...leaf.def, sql: row.column } }, type);
  return positive
    ? sql`(NOT EXISTS (SELECT 1 FROM ${row.from} AND ${onColumn(positive)}))`
    : sql`(EXISTS (SELECT 1 FROM ${row.from} AND ${onColumn(leaf.op)}))`;
}

function nodeSql(node: CheckedNode): SQL {
  switch (node.kind) {
    case 'all':
      return node.children.length === 0 ? TRUE : sql`(${sql.join(node.children.map(nodeSql), sql` AND `)})`;
    case 'any':
      return node.children.length === 0 ? FALSE : sql`(${sql.join(node.children.map(nodeSql), sql` OR `)})`;
    case 'not':
      return not(nodeSql(node.child));
    case 'leaf': {
      const type = node.def.type;
      if (type === 'text') return textSql(node);
      if (type === 'tags') return tagsSql(node);
      if (node.def.row) return rowSql(node, type);
      return scalarSql(node, type);
    }
  }
}

/**
 * A boolean SQL expression selecting the rows `evaluate` accepts. Throws AppError('validation')
 * for an invalid condition, including change operators, which need a previous state.
 */
export function toSql(cond: Condition, registry: FieldRegistry, opts: ToSqlOptions = {}): SQL {
  const { maxDepth, maxNodes, path } = opts;
  return nodeSql(
    checkCondition(cond, registry, {
      maxDepth,
      maxNodes,
      path,
      allowChangeOps: false,
      checkEnumValues: false,
    }),
  );
}
