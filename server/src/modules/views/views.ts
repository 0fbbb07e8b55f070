// Saved views (V1): create, read, change and delete, with who may do what. A view's condition is
// checked against the ticket field registry when saved, so a list never meets an unknown field.
import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { type Condition, type FieldRegistry, validateCondition } from '../conditions/index.ts';
import { ticketRegistry } from '../tickets/index.ts';
import { views } from './schema.ts';

export interface ViewDto {
  id: string;
  name: string;
  condition: Condition;
  columns: string[];
  sort: string;
  ownerAgentId: string;
  shared: boolean;
  /** Whether the caller may change or delete it. */
  editable: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ViewInput {
  name?: string | undefined;
  condition?: unknown;
  columns?: string[] | undefined;
  sort?: string | undefined;
  shared?: boolean | undefined;
}

type ViewRow = typeof views.$inferSelect;

function agentOf(ctx: Ctx): { id: string; admin: boolean } {
  if (ctx.actor.type !== 'agent') throw new AppError('forbidden', 'Only agents have views');
  return { id: ctx.actor.id, admin: ctx.actor.admin };
}

function mayEdit(row: ViewRow, me: { id: string; admin: boolean }): boolean {
  return row.shared ? me.admin : row.ownerAgentId === me.id;
}

function toDto(row: ViewRow, me: { id: string; admin: boolean }): ViewDto {
  return {
    id: row.id,
    name: row.name,
    condition: row.condition as Condition,
    columns: row.columns,
    sort: row.sort,
    ownerAgentId: row.ownerAgentId,
    shared: row.shared,
    editable: mayEdit(row, me),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** `-priority,updatedAt`: at most 4 sortable fields, each once. */
function checkSort(sort: string, registry: FieldRegistry): string {
  const parts = sort
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) throw invalid('body/sort', 'must name a field');
  if (parts.length > 4) throw invalid('body/sort', 'at most 4 sort fields');
  const seen = new Set<string>();
  for (const part of parts) {
    const field = part.replace(/^[-+]/, '');
    if (!registry.get(field)?.sortable) throw invalid('body/sort', `cannot sort by "${field.slice(0, 100)}"`);
    if (seen.has(field)) throw invalid('body/sort', `"${field}" appears twice`);
    seen.add(field);
  }
  return parts.join(',');
}

function checkColumns(columns: string[], registry: FieldRegistry): string[] {
  columns.forEach((c, i) => {
    if (!registry.get(c)) throw invalid(`body/columns/${i}`, `unknown field '${c.slice(0, 100)}'`);
  });
  return [...new Set(columns)];
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('body/name', 'must not be empty');
  return trimmed;
}

export async function listViews(ctx: Ctx): Promise<ViewDto[]> {
  const me = agentOf(ctx);
  const rows = await ctx.db
    .select()
    .from(views)
    .where(or(eq(views.shared, true), eq(views.ownerAgentId, me.id)))
    .orderBy(desc(views.shared), asc(sql`lower(${views.name})`), asc(views.id));
  return rows.map((r) => toDto(r, me));
}

async function visibleRow(ctx: Ctx, id: string): Promise<ViewRow> {
  const me = agentOf(ctx);
  const [row] = await ctx.db
    .select()
    .from(views)
    .where(and(eq(views.id, id), or(eq(views.shared, true), eq(views.ownerAgentId, me.id))));
  if (!row) throw notFound('View');
  return row;
}

export async function getView(ctx: Ctx, id: string): Promise<ViewDto> {
  return toDto(await visibleRow(ctx, id), agentOf(ctx));
}

export async function createView(
  ctx: Ctx,
  input: ViewInput & { name: string; condition: unknown },
): Promise<ViewDto> {
  const me = agentOf(ctx);
  if (input.shared && !me.admin) throw new AppError('forbidden', 'Only administrators may share views');
  const registry = await ticketRegistry(ctx);
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(views)
    .values({
      name: checkName(input.name),
      condition: validateCondition(input.condition, registry, { path: 'body/condition' }),
      columns: checkColumns(input.columns ?? [], registry),
      sort: checkSort(input.sort ?? '-updatedAt', registry),
      ownerAgentId: me.id,
      shared: input.shared ?? false,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return toDto(row!, me);
}

export async function updateView(ctx: Ctx, id: string, input: ViewInput): Promise<ViewDto> {
  const me = agentOf(ctx);
  const row = await visibleRow(ctx, id);
  if (!mayEdit(row, me)) {
    throw new AppError(
      'forbidden',
      row.shared ? 'Only administrators may change shared views' : 'This view belongs to another agent',
    );
  }
  if (input.shared !== undefined && input.shared !== row.shared && !me.admin) {
    throw new AppError('forbidden', 'Only administrators may share views');
  }
  const registry = await ticketRegistry(ctx);
  const [updated] = await ctx.db
    .update(views)
    .set({
      ...(input.name !== undefined ? { name: checkName(input.name) } : {}),
      ...(input.condition !== undefined
        ? { condition: validateCondition(input.condition, registry, { path: 'body/condition' }) }
        : {}),
      ...(input.columns !== undefined ? { columns: checkColumns(input.columns, registry) } : {}),
      ...(input.sort !== undefined ? { sort: checkSort(input.sort, registry) } : {}),
      ...(input.shared !== undefined ? { shared: input.shared } : {}),
      updatedAt: ctx.clock.now(),
    })
    .where(eq(views.id, id))
    .returning();
  return toDto(updated!, me);
}

export async function deleteView(ctx: Ctx, id: string): Promise<void> {
  const me = agentOf(ctx);
  const row = await visibleRow(ctx, id);
  if (!mayEdit(row, me)) {
    throw new AppError(
      'forbidden',
      row.shared ? 'Only administrators may delete shared views' : 'This view belongs to another agent',
    );
  }
  await ctx.db.delete(views).where(eq(views.id, id));
}
