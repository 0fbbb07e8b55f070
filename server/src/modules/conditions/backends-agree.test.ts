// The property the design rests on: for any valid condition and any rows, toSql selects exactly
// the rows evaluate accepts — on the engine under test (PGlite, or PostgreSQL 15 with
// CASEWAY_TEST_DB=postgres). Rerun a failure with CONDITIONS_SEED=<seed from the message>.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database.ts';
import { type Database, queryRows } from '../../platform/db.ts';
import { toSql } from './condition-sql.ts';
import { evaluate } from './evaluate-condition.ts';
import { formatMicros, parseStrictDatetime } from './iso-time.ts';
import {
  CUSTOM_FIELDS,
  createSampleTable,
  insertSampleRows,
  KINDS,
  PRIORITIES,
  type SampleRow,
  STATUSES,
  sampleRegistry,
} from './sample-fields.ts';
import {
  CHANGE_OPS,
  type Condition,
  type ConditionScalar,
  type FieldType,
  OPS_BY_TYPE,
  VALUE_SHAPE,
} from './types.ts';
import { validateCondition } from './validate-condition.ts';

const SEED = Number(process.env.CONDITIONS_SEED) || Math.floor(Math.random() * 2 ** 31);
const ROWS = 90;
const CONDITIONS = Number(process.env.CONDITIONS_RUNS) || 400;

const registry = sampleRegistry();

// ---- values shared by rows and conditions, so that conditions often hit ----

const TEXTS = [
  'Гарантия',
  'ГАРАНТИЯ на ремонт',
  'гарантия',
  'Ёжик в тумане',
  'Élève à l’école',
  'ÉLÈVE',
  'élève',
  'e\u0301le\u0300ve',
  'Ça coûte 100 €',
  '保修',
  '屏幕保修申请',
  'Warranty claim',
  'WARRANTY',
  '100% _done_',
  'a\\b',
  'C:\\path\\to',
  'Straße',
  'STRASSE',
  'İstanbul',
  'istanbul',
  'ΟΔΟΣ',
  'μια οδος',
  'K-9 \u212a',
  'ǅemal ǆ Ǆ',
  '.*',
  '[a]{2}',
  '(x)|y',
  '^$',
  'line1\nline2',
  ' ',
  '',
];
const TEXT_CHARS = [...'aAzZéÉèçÇßяЯёЁжЖσΣς保修 %_\\.*+?()[]{}^$|-,"\'\n\u212a'];
const randomText = fc.string({ unit: fc.constantFrom(...TEXT_CHARS), maxLength: 8 });
const textValue = fc.oneof(fc.constantFrom(...TEXTS), randomText);
const needle = fc.oneof(
  fc.constantFrom(...TEXTS),
  fc
    .tuple(fc.constantFrom(...TEXTS), fc.nat(), fc.nat({ max: 4 }), fc.constantFrom('same', 'upper', 'lower'))
    .map(([text, start, length, change]) => {
      const chars = [...text];
      const from = chars.length === 0 ? 0 : start % chars.length;
      const part = chars.slice(from, from + length + 1).join('');
      return change === 'upper' ? part.toUpperCase() : change === 'lower' ? part.toLowerCase() : part;
    }),
  randomText,
);

const NUMBERS = [
  -1e21,
  -2.5,
  -1,
  -0,
  0,
  0.1,
  0.2,
  0.3,
  0.1 + 0.2,
  1,
  2,
  2.5,
  3,
  1e15,
  2 ** 53,
  1e300,
  5e-324,
  -5e-324,
];
const anyNumber = fc.oneof(
  fc.constantFrom(...NUMBERS),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const smallInt = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(-2147483648, 2147483647));
const cents = fc.integer({ min: -20_000, max: 20_000 }).map((c) => (c / 100).toFixed(2));
const priceValue = fc.oneof(cents.map(Number), fc.constantFrom(0, -0.01, 0.015, 12.5, 199.99, 200));

const OFFSETS = [0, 60, 120, -300, 330, 345, 840, -720];
function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
/** An instant (epoch micros) as a strict ISO string in some offset. */
function isoAt(micros: bigint, offsetMinutes: number): string {
  const local = formatMicros(micros + BigInt(offsetMinutes) * 60_000_000n);
  return `${local.slice(0, -1)}${offsetText(offsetMinutes)}`;
}
const BASE_INSTANTS = [
  '2024-03-31T01:30:00Z',
  '2024-03-31T01:30:00.001Z',
  '2024-03-31T01:29:59.999999Z',
  '2024-03-31T01:30:00.000001Z',
  '1999-12-31T23:59:59Z',
  '1969-07-20T20:17:40Z',
  '2024-02-29T12:00:00Z',
].map((s) => parseStrictDatetime(s) as bigint);
const instantMicros = fc.oneof(
  fc.constantFrom(...BASE_INSTANTS),
  fc.bigInt({ min: -2_000_000_000_000_000n, max: 4_000_000_000_000_000n }),
  fc.bigInt({ min: 0n, max: 3_000_000_000n }).map((n) => (BASE_INSTANTS[0] as bigint) + n - 1_500_000_000n),
);
const instantValue = fc.tuple(instantMicros, fc.constantFrom(...OFFSETS)).map(([m, o]) => isoAt(m, o));

const DATES = [
  '2024-02-29',
  '2024-03-01',
  '2023-12-31',
  '2024-01-01',
  '1999-12-31',
  '2000-01-01',
  '0001-01-01',
  '9999-12-31',
];
const dateValue = fc.oneof(
  fc.constantFrom(...DATES),
  fc
    .integer({ min: -10_000, max: 30_000 })
    .map((days) => formatMicros(BigInt(days) * 86_400_000_000n).slice(0, 10)),
);

const TAGS = ['vip', 'VIP', 'billing', '保修', 'a,b', '"q"', 'back\\slash', '', 'x y', 'NULL', '{}'];
const tagValue = fc.oneof(fc.constantFrom(...TAGS), randomText);

const UUIDS = [
  '3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-4fff-bfff-ffffffffffff',
];
const uuidValue = fc
  .tuple(fc.constantFrom(...UUIDS), fc.boolean())
  .map(([u, upper]) => (upper ? u.toUpperCase() : u));

// ---- rows ----

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });
const absentOr = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

/** A datetime as a snapshot may hold it: strict or PostgreSQL-style text, or a Date when whole milliseconds. */
const snapshotInstant = fc
  .tuple(instantMicros, fc.constantFrom(...OFFSETS), fc.constantFrom('iso', 'pg', 'date'))
  .map(([m, o, form]) => {
    if (form === 'date' && m % 1000n === 0n) {
      return new Date(Number(m / 1000n));
    }
    const iso = isoAt(m, o);
    return form === 'pg' ? iso.replace('T', ' ').replace(/:00$/, '') : iso;
  });

const customObject = fc.record(
  {
    caseType: fc.oneof(textValue, fc.constant(12)),
    amount: fc.oneof(anyNumber, fc.constant('12')),
    due: fc.oneof(dateValue, fc.constant(20240101)),
    flags: fc.oneof(
      fc.array(fc.oneof(tagValue, fc.constant(1), fc.constant(null)), { maxLength: 4 }),
      fc.constant('vip'),
    ),
    kind: fc.oneof(fc.constantFrom(...KINDS, 'REPAIR', ''), fc.constant(3)),
    when: fc.oneof(
      instantValue,
      instantValue.map((s) => s.replace('T', ' ')),
      fc.constant('soon'),
    ),
    ok: fc.oneof(fc.boolean(), fc.constant('true')),
    ref: fc.oneof(uuidValue, fc.constant('not-a-uuid')),
  },
  { requiredKeys: [] },
);

const rowArb: fc.Arbitrary<Omit<SampleRow, 'id'>> = fc.record({
  title: maybe(textValue),
  status: maybe(fc.constantFrom(...STATUSES, 'OPEN', '')),
  priority: maybe(fc.constantFrom(...PRIORITIES)),
  score: maybe(smallInt),
  ratio: maybe(anyNumber),
  price: maybe(cents),
  vip: maybe(fc.boolean()),
  createdAt: maybe(snapshotInstant),
  dueOn: maybe(dateValue),
  tags: maybe(fc.array(tagValue, { maxLength: 4 })),
  assigneeId: maybe(uuidValue),
  custom: absentOr(customObject),
});

const HANDMADE: Omit<SampleRow, 'id'>[] = [
  {},
  { title: '', status: '', tags: [], custom: {} },
  { title: 'ГАРАНТИЯ', custom: { caseType: 'гарантия', flags: [], amount: 0 } },
  { title: 'Élève', price: '-0.01', ratio: -0, score: 0, custom: { amount: -0 } },
  {
    createdAt: '2024-03-31T03:30:00+02:00',
    dueOn: '2024-02-29',
    custom: { when: '2024-03-31 01:30:00+00', due: '2024-02-29' },
  },
];

// ---- conditions ----

const SCALARS: Record<string, fc.Arbitrary<ConditionScalar>> = {
  text: needle,
  number: anyNumber,
  boolean: fc.boolean(),
  datetime: instantValue,
  date: dateValue,
  tags: tagValue,
  id: uuidValue,
};

function scalarFor(name: string, type: FieldType): fc.Arbitrary<ConditionScalar> {
  if (name === 'price') return priceValue;
  if (name === 'score') return fc.oneof(smallInt, anyNumber);
  if (type === 'enum') {
    const values = registry.get(name)?.values ?? [];
    return fc.constantFrom(...values);
  }
  return SCALARS[type] as fc.Arbitrary<ConditionScalar>;
}

function sortKey(type: FieldType, v: ConditionScalar): number | bigint | string {
  if (type === 'datetime') return parseStrictDatetime(v as string) as bigint;
  return v as number | string;
}

const FIELDS = [
  ...registry.list().map((d) => d.name),
  ...Object.keys(CUSTOM_FIELDS).map((k) => `custom.${k}`),
];

const leafArb: fc.Arbitrary<Condition> = fc.constantFrom(...FIELDS).chain((name) => {
  const type = registry.get(name)?.type as FieldType;
  const ops = OPS_BY_TYPE[type].filter((op) => !CHANGE_OPS.has(op));
  return fc.constantFrom(...ops).chain((op): fc.Arbitrary<Condition> => {
    const scalar = scalarFor(name, type);
    switch (VALUE_SHAPE[op]) {
      case 'none':
        return fc.constant({ field: name, op });
      case 'scalar':
        return scalar.map((value) => ({ field: name, op, value }));
      case 'list':
        return fc.array(scalar, { maxLength: 4 }).map((value) => ({ field: name, op, value }));
      case 'range':
        return fc.tuple(scalar, scalar).map(([a, b]) => ({
          field: name,
          op,
          value: sortKey(type, a) <= sortKey(type, b) ? [a, b] : [b, a],
        }));
    }
  });
});

const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'condition' },
    { arbitrary: leafArb, weight: 5 },
    { arbitrary: fc.array(tie('condition'), { maxLength: 3 }).map((all) => ({ all })), weight: 1 },
    { arbitrary: fc.array(tie('condition'), { maxLength: 3 }).map((any) => ({ any })), weight: 1 },
    { arbitrary: tie('condition').map((not) => ({ not })), weight: 1 },
  ),
}));

// ---- the property ----

describe('evaluate and toSql', () => {
  let database: Database;
  let rows: SampleRow[];

  beforeAll(async () => {
    database = await createTestDatabase();
    await createSampleTable(database.db);
    const random = fc.sample(rowArb, { numRuns: ROWS, seed: SEED });
    rows = [...HANDMADE, ...random].map((r, i) => ({ ...r, id: i + 1 }));
    await insertSampleRows(database.db, rows);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('select the same rows for random conditions over fields of every type', async () => {
    const started = performance.now();
    let splitting = 0; // conditions selecting some rows but not all: the ones that test anything
    await fc.assert(
      fc.asyncProperty(condition, async (cond) => {
        validateCondition(cond, registry);
        const selected = await queryRows<{ id: number }>(
          database.db,
          sql`SELECT id FROM cond_rows t WHERE ${toSql(cond, registry)} ORDER BY id`,
        );
        const fromSql = selected.map((r) => Number(r.id));
        const inMemory = rows
          .filter((r) => evaluate(cond, r as unknown as Record<string, unknown>, registry))
          .map((r) => r.id);
        if (inMemory.length > 0 && inMemory.length < rows.length) splitting++;
        const differing = rows.filter((r) => fromSql.includes(r.id) !== inMemory.includes(r.id));
        expect(fromSql, `seed ${SEED}; rows that disagree: ${JSON.stringify(differing)}`).toEqual(inMemory);
      }),
      { numRuns: CONDITIONS, seed: SEED },
    );
    const ms = Math.round(performance.now() - started);
    console.info(
      `conditions property: ${CONDITIONS} conditions (${splitting} splitting the rows) × ${rows.length} rows in ${ms} ms (seed ${SEED})`,
    );
  });
});
