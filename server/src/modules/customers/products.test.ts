import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { queryRows } from '../../platform/db.ts';

describe('products', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  const create = (payload: Record<string, unknown>) =>
    t.as(t.admin, { method: 'POST', url: '/api/v1/products', payload });
  const count = async () =>
    (await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM products`))[0]!.n;

  it('are created, read, changed and deactivated by administrators and read by agents', async () => {
    const created = await create({ name: 'Widget Pro', code: 'WP-1', description: 'The big one' });
    expect(created.statusCode).toBe(201);
    const product = created.json();
    expect(product).toMatchObject({
      name: 'Widget Pro',
      code: 'WP-1',
      active: true,
      createdAt: '2026-03-02T09:00:00.000Z',
    });
    expect((await t.as(t.agent, { method: 'GET', url: `/api/v1/products/${product.id}` })).json()).toEqual(
      product,
    );

    const off = await t.as(t.admin, {
      method: 'PATCH',
      url: `/api/v1/products/${product.id}`,
      payload: { active: false },
    });
    expect(off.json()).toMatchObject({ active: false, name: 'Widget Pro' });
    const active = await t.as(t.agent, { method: 'GET', url: '/api/v1/products?active=true' });
    expect(active.json().items.map((p: { id: string }) => p.id)).not.toContain(product.id);
    const inactive = await t.as(t.agent, { method: 'GET', url: '/api/v1/products?active=false&q=widget' });
    expect(inactive.json().items.map((p: { id: string }) => p.id)).toEqual([product.id]);
  });

  it('refuses a name another product has in other letter case, and a code another product has', async () => {
    expect((await create({ name: 'Gadget', code: 'G-1' })).statusCode).toBe(201);
    const sameName = await create({ name: 'GADGET' });
    expect(sameName.statusCode).toBe(409);
    expect(sameName.json().errors[0].field).toBe('name');
    const sameCode = await create({ name: 'Gizmo', code: 'G-1' });
    expect(sameCode.statusCode).toBe(409);
    expect(sameCode.json().errors[0].field).toBe('code');
  });

  it('may not be created or changed by an agent who is not an administrator', async () => {
    const before = await count();
    const res = await t.as(t.agent, { method: 'POST', url: '/api/v1/products', payload: { name: 'Sneaky' } });
    expect(res.statusCode).toBe(403);
    expect(await count()).toBe(before);
    const product = (await create({ name: 'Guarded' })).json();
    expect(
      (
        await t.as(t.agent, {
          method: 'PATCH',
          url: `/api/v1/products/${product.id}`,
          payload: { active: false },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('answer 400 naming the field for an unknown field or a 300-character name', async () => {
    const before = await count();
    for (const [payload, field] of [
      [{ name: 'Thing', price: 3 }, 'body/price'],
      [{ name: 'y'.repeat(300) }, 'body/name'],
    ] as const) {
      const res = await create(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe(field);
    }
    expect(await count()).toBe(before);
  });
});
