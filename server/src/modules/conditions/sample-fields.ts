// Test support: a ticket-like table and its field registry (columns of every type plus custom
// fields in a jsonb column resolved dynamically), shared by this module's tests.
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { pgArrayLiteral } from './condition-sql.ts';
import { createFieldRegistry } from './field-registry.ts';
import { jsonbFieldDef } from './jsonb-field.ts';
import type { FieldDef, FieldRegistry, FieldType } from './types.ts';

export const STATUSES = ['new', 'open', 'pending', 'solved'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const KINDS = ['repair', 'refund', 'question'] as const;

export interface SampleRow {
  id: number;
  title?: string | null;
  status?: string | null;
  priority?: string | null;
  score?: number | null;
  ratio?: number | null;
  /** numeric(12,2), as drivers return it: a string. */
  price?: string | null;
  vip?: boolean | null;
  /** An ISO string with any offset, or a Date (at millisecond precision). */
  createdAt?: string | Instant | null;
  dueOn?: string | null;
  tags?: string[] | null;
  assigneeId?: string | null;
  custom?: Record<string, unknown>;
}

const column = (
  name: keyof SampleRow,
  type: FieldType,
  sqlName: string,
  values?: readonly string[],
): FieldDef => ({
  name,
  type,
  sql: sql.raw(`t.${sqlName}`),
  read: (s) => s[name],
  ...(values ? { values } : {}),
});

export const CUSTOM_FIELDS: Record<string, { type: FieldType; values?: readonly string[] }> = {
  caseType: { type: 'text' },
  amount: { type: 'number' },
  due: { type: 'date' },
  flags: { type: 'tags' },
  kind: { type: 'enum', values: KINDS },
  when: { type: 'datetime' },
  ok: { type: 'boolean' },
  ref: { type: 'id' },
};

export function sampleRegistry(): FieldRegistry {
  return createFieldRegistry(
    [
      column('title', 'text', 'title'),
      column('status', 'enum', 'status', STATUSES),
      column('priority', 'enum', 'priority', PRIORITIES),
      column('score', 'number', 'score'),
      column('ratio', 'number', 'ratio'),
      column('price', 'number', 'price'),
      column('vip', 'boolean', 'vip'),
      column('createdAt', 'datetime', 'created_at'),
      column('dueOn', 'date', 'due_on'),
      column('tags', 'tags', 'tags'),
      column('assigneeId', 'id', 'assignee_id'),
    ],
    (name) => {
      const key = name.startsWith('custom.') ? name.slice('custom.'.length) : undefined;
      const def = key === undefined ? undefined : CUSTOM_FIELDS[key];
      if (key === undefined || !def || !Object.hasOwn(CUSTOM_FIELDS, key)) return undefined;
      return jsonbFieldDef({ name, key, column: sql.raw('t.custom'), object: (s) => s.custom, ...def });
    },
  );
}

export async function createSampleTable(db: Db): Promise<void> {
  await db.execute(sql`CREATE TYPE cond_priority AS ENUM ('low', 'normal', 'high', 'urgent')`);
  await db.execute(sql`
    CREATE TABLE cond_rows (
      id integer PRIMARY KEY,
      title text,
      status text,
      priority cond_priority,
      score integer,
      ratio double precision,
      price numeric(12, 2),
      vip boolean,
      created_at timestamptz,
      due_on date,
      tags text[],
      assignee_id uuid,
      custom jsonb NOT NULL DEFAULT '{}'
    )`);
}

/** A Date, named structurally: the global is off limits in modules. */
interface Instant {
  toISOString(): string;
}

function isoOf(v: string | Instant): string {
  return typeof v === 'string' ? v : v.toISOString();
}

export async function insertSampleRows(db: Db, rows: readonly SampleRow[]): Promise<void> {
  await db.execute(sql`DELETE FROM cond_rows`);
  for (let i = 0; i < rows.length; i += 50) {
    const values = rows.slice(i, i + 50).map(
      (r) => sql`(${r.id}, ${r.title ?? null}, ${r.status ?? null}, ${r.priority ?? null}::cond_priority,
        ${r.score ?? null}::integer, ${r.ratio === undefined || r.ratio === null ? null : String(r.ratio)}::double precision,
        ${r.price ?? null}::numeric, ${r.vip === undefined || r.vip === null ? null : String(r.vip)}::boolean,
        ${r.createdAt ? isoOf(r.createdAt) : null}::timestamptz, ${r.dueOn ?? null}::date,
        ${r.tags ? pgArrayLiteral(r.tags) : null}::text[], ${r.assigneeId ?? null}::uuid,
        ${JSON.stringify(r.custom ?? {})}::jsonb)`,
    );
    await db.execute(sql`INSERT INTO cond_rows (id, title, status, priority, score, ratio, price, vip, created_at,
      due_on, tags, assignee_id, custom) VALUES ${sql.join(values, sql`, `)}`);
  }
}
