// Products tickets can be about. Administrators maintain them; a product is retired by
// deactivating it, so tickets that name it keep their reference.
import { and, eq, getTableColumns, or, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { type Db, isUniqueViolation, violatedConstraint } from '../../platform/db.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { assertAdmin } from '../access/index.ts';
import { afterNameCursor, byName, containsPattern, pageOf, sortKeyOf } from './name-cursor.ts';
import { products } from './schema.ts';

export type ProductRow = typeof products.$inferSelect;

export interface ProductDto {
  id: string;
  name: string;
  code: string | null;
  description: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ProductInput {
  name?: string | undefined;
  code?: string | null | undefined;
  description?: string | undefined;
  active?: boolean | undefined;
}

export function toProductDto(row: ProductRow): ProductDto {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    description: row.description,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('name', 'must not be empty');
  return trimmed;
}

const cleanCode = (code: string | null | undefined): string | null | undefined =>
  code === undefined || code === null ? code : code.trim() || null;

function duplicate(err: unknown): unknown {
  if (!isUniqueViolation(err)) return err;
  if (violatedConstraint(err) === 'products_code_idx') {
    return new AppError('duplicate', 'A product with this code exists', [
      { field: 'code', message: 'is already used' },
    ]);
  }
  return new AppError('duplicate', 'A product with this name exists', [
    { field: 'name', message: 'is already used' },
  ]);
}

export async function createProduct(ctx: Ctx, input: ProductInput & { name: string }): Promise<ProductDto> {
  assertAdmin(ctx.actor, 'products');
  const now = ctx.clock.now();
  try {
    const [row] = await ctx.db
      .insert(products)
      .values({
        name: cleanName(input.name),
        code: cleanCode(input.code) ?? null,
        description: input.description ?? '',
        active: input.active ?? true,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return toProductDto(row!);
  } catch (err) {
    throw duplicate(err);
  }
}

export async function updateProduct(ctx: Ctx, id: string, input: ProductInput): Promise<ProductDto> {
  assertAdmin(ctx.actor, 'products');
  const name = input.name === undefined ? undefined : cleanName(input.name);
  try {
    const [row] = await ctx.db
      .update(products)
      .set({
        ...(name !== undefined ? { name } : {}),
        ...(input.code !== undefined ? { code: cleanCode(input.code) } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(products.id, id))
      .returning();
    if (!row) throw notFound('Product');
    return toProductDto(row);
  } catch (err) {
    throw duplicate(err);
  }
}

export async function findProduct(db: Db, id: string): Promise<ProductDto | null> {
  const [row] = await db.select().from(products).where(eq(products.id, id));
  return row ? toProductDto(row) : null;
}

export async function getProduct(db: Db, id: string): Promise<ProductDto> {
  const found = await findProduct(db, id);
  if (!found) throw notFound('Product');
  return found;
}

export interface ProductListOptions {
  q?: string | undefined;
  active?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Sorted by name; `q` matches part of the name or the code. */
export async function listProducts(
  db: Db,
  opts: ProductListOptions,
): Promise<{ items: ProductDto[]; nextCursor: string | null }> {
  const conditions: Array<SQL | undefined> = [];
  const q = opts.q?.trim().toLowerCase();
  if (q) {
    const like = containsPattern(q);
    conditions.push(or(sql`lower(${products.name}) LIKE ${like}`, sql`lower(${products.code}) LIKE ${like}`));
  }
  if (opts.active !== undefined) conditions.push(eq(products.active, opts.active));
  if (opts.cursor) conditions.push(afterNameCursor(products.name, products.id, opts.cursor));
  const rows = await db
    .select({ ...getTableColumns(products), sortKey: sortKeyOf(products.name) })
    .from(products)
    .where(and(...conditions))
    .orderBy(...byName(products.name, products.id))
    .limit(opts.limit + 1);
  return pageOf(rows, opts.limit, toProductDto);
}
