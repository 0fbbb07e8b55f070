// Picklists (status, priority, severity, category, type): stable keys used by the API, labels per
// language shown by the UI. Statuses carry the category that drives behaviour.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { assertAdmin } from '../access/index.ts';
import { type Labels, type PicklistName, picklistValues, type StatusCategory, tickets } from './schema.ts';
import { type AdminCtx, announceConfigChange } from './ticket-config-change.ts';

export interface PicklistValue {
  key: string;
  labels: Labels;
  position: number;
  active: boolean;
  category: StatusCategory | null;
}

type Seed = { key: string; labels: Required<Labels>; category?: StatusCategory };

const l = (en: string, zhCN: string, zhTW: string, ru: string, fr: string): Required<Labels> => ({
  en,
  'zh-CN': zhCN,
  'zh-TW': zhTW,
  ru,
  fr,
});

export const DEFAULT_PICKLISTS: Record<PicklistName, Seed[]> = {
  status: [
    { key: 'new', labels: l('New', '新建', '新建', 'Новая', 'Nouveau'), category: 'new' },
    { key: 'open', labels: l('Open', '已打开', '已開啟', 'Открыта', 'Ouvert'), category: 'open' },
    {
      key: 'in_progress',
      labels: l('In progress', '处理中', '處理中', 'В работе', 'En cours'),
      category: 'open',
    },
    {
      key: 'waiting_customer',
      labels: l('Waiting for customer', '等待客户', '等待客戶', 'Ожидает клиента', 'En attente du client'),
      category: 'pending',
    },
    {
      key: 'waiting_third_party',
      labels: l(
        'Waiting for third party',
        '等待第三方',
        '等待第三方',
        'Ожидает третьей стороны',
        'En attente d’un tiers',
      ),
      category: 'pending',
    },
    { key: 'resolved', labels: l('Resolved', '已解决', '已解決', 'Решена', 'Résolu'), category: 'resolved' },
    { key: 'closed', labels: l('Closed', '已关闭', '已關閉', 'Закрыта', 'Fermé'), category: 'closed' },
  ],
  priority: [
    { key: 'low', labels: l('Low', '低', '低', 'Низкий', 'Basse') },
    { key: 'normal', labels: l('Normal', '普通', '普通', 'Обычный', 'Normale') },
    { key: 'high', labels: l('High', '高', '高', 'Высокий', 'Haute') },
    { key: 'urgent', labels: l('Urgent', '紧急', '緊急', 'Срочный', 'Urgente') },
  ],
  severity: [
    { key: 'minor', labels: l('Minor', '轻微', '輕微', 'Незначительная', 'Mineure') },
    { key: 'major', labels: l('Major', '严重', '嚴重', 'Серьёзная', 'Majeure') },
    { key: 'critical', labels: l('Critical', '致命', '致命', 'Критическая', 'Critique') },
  ],
  category: [
    { key: 'question', labels: l('Question', '咨询', '諮詢', 'Вопрос', 'Question') },
    { key: 'problem', labels: l('Problem', '故障', '故障', 'Проблема', 'Problème') },
    {
      key: 'feature_request',
      labels: l('Feature request', '功能建议', '功能建議', 'Пожелание', 'Demande d’évolution'),
    },
    {
      key: 'returns_repair',
      labels: l('Returns & repair', '退货与维修', '退貨與維修', 'Возврат и ремонт', 'Retour et réparation'),
    },
  ],
  type: [
    { key: 'incident', labels: l('Incident', '事件', '事件', 'Инцидент', 'Incident') },
    {
      key: 'service_request',
      labels: l('Service request', '服务请求', '服務請求', 'Запрос на обслуживание', 'Demande de service'),
    },
    { key: 'warranty', labels: l('Warranty', '保修', '保固', 'Гарантия', 'Garantie') },
    { key: 'complaint', labels: l('Complaint', '投诉', '投訴', 'Жалоба', 'Réclamation') },
  ],
};

/** Seeds the default values into an empty installation; existing values are never touched. */
export async function ensureDefaultPicklists(db: Db): Promise<void> {
  const rows = Object.entries(DEFAULT_PICKLISTS).flatMap(([picklist, values]) =>
    values.map((v, position) => ({
      picklist: picklist as PicklistName,
      key: v.key,
      labels: v.labels,
      position,
      active: true,
      category: v.category ?? null,
    })),
  );
  await db.insert(picklistValues).values(rows).onConflictDoNothing();
}

export type Picklists = Record<PicklistName, PicklistValue[]>;

export async function loadPicklists(db: Db): Promise<Picklists> {
  const rows = await db
    .select()
    .from(picklistValues)
    .orderBy(asc(picklistValues.picklist), asc(picklistValues.position));
  const result: Picklists = { status: [], priority: [], severity: [], category: [], type: [] };
  for (const r of rows)
    result[r.picklist].push({
      key: r.key,
      labels: r.labels,
      position: r.position,
      active: r.active,
      category: r.category,
    });
  return result;
}

export function findValue(lists: Picklists, picklist: PicklistName, key: string): PicklistValue | undefined {
  return lists[picklist].find((v) => v.key === key);
}

/** Checks a value given on a write: it must exist and be active (unless it is the current value). */
export function requireActiveValue(
  lists: Picklists,
  picklist: PicklistName,
  key: string,
  current?: string | null,
): PicklistValue {
  const value = findValue(lists, picklist, key);
  if (!value) {
    const allowed = lists[picklist].filter((v) => v.active).map((v) => v.key);
    throw invalid(picklist, `unknown value "${key.slice(0, 100)}"; allowed: ${allowed.join(', ')}`);
  }
  if (!value.active && key !== current) throw invalid(picklist, `"${key}" is deactivated`);
  return value;
}

/** The first active status of a category (new tickets, merges that close, reopening). */
export function firstStatusOf(lists: Picklists, category: StatusCategory): PicklistValue {
  const value =
    lists.status.find((v) => v.active && v.category === category) ??
    lists.status.find((v) => v.category === category);
  if (!value) throw new AppError('internal', `No status of category ${category} is configured`);
  return value;
}

const KEY = /^[a-z][a-z0-9_]{0,49}$/;

export async function addPicklistValue(
  ctx: AdminCtx,
  picklist: PicklistName,
  input: {
    key: string;
    labels: Labels;
    category?: StatusCategory | undefined;
    position?: number | undefined;
  },
): Promise<PicklistValue> {
  assertAdmin(ctx.actor, 'picklists');
  if (!KEY.test(input.key))
    throw invalid('key', 'must be lower-case letters, digits and _, starting with a letter');
  if (!input.labels.en?.trim()) throw invalid('labels/en', 'an English label is required');
  if (picklist === 'status' && !input.category) throw invalid('category', 'a status needs a category');
  if (picklist !== 'status' && input.category) throw invalid('category', 'only statuses have a category');
  return ctx.db.transaction(async (tx) => {
    const lists = await loadPicklists(tx);
    if (findValue(lists, picklist, input.key)) {
      throw new AppError('duplicate', `The ${picklist} "${input.key}" exists`, [
        { field: 'key', message: 'is already used' },
      ]);
    }
    const count = lists[picklist].length;
    const position = Math.min(Math.max(input.position ?? count, 0), count);
    await tx
      .update(picklistValues)
      .set({ position: sql`${picklistValues.position} + 1` })
      .where(and(eq(picklistValues.picklist, picklist), sql`${picklistValues.position} >= ${position}`));
    await tx.insert(picklistValues).values({
      picklist,
      key: input.key,
      labels: input.labels,
      position,
      active: true,
      category: input.category ?? null,
    });
    if (picklist === 'priority') await rerankPriorities(tx);
    await announceConfigChange({ ...ctx, db: tx });
    return { key: input.key, labels: input.labels, position, active: true, category: input.category ?? null };
  });
}

/** Renames (labels only: keys and history never change), activates or deactivates a value. */
export async function updatePicklistValue(
  ctx: AdminCtx,
  picklist: PicklistName,
  key: string,
  input: { labels?: Labels | undefined; active?: boolean | undefined },
): Promise<PicklistValue> {
  assertAdmin(ctx.actor, 'picklists');
  if (input.labels && !input.labels.en?.trim()) throw invalid('labels/en', 'an English label is required');
  return ctx.db.transaction(async (tx) => {
    const lists = await loadPicklists(tx);
    const current = findValue(lists, picklist, key);
    if (!current) throw notFound(`The ${picklist} value "${key}"`);
    if (input.active === false && current.active) {
      const remaining = lists[picklist].filter((v) => v.active && v.key !== key);
      if (picklist === 'status' && !remaining.some((v) => v.category === current.category)) {
        throw invalid('active', `at least one active status of category ${current.category} must remain`);
      }
      if ((picklist === 'status' || picklist === 'priority') && remaining.length === 0)
        throw invalid('active', 'the last active value cannot be deactivated');
    }
    const labels = input.labels ? { ...current.labels, ...input.labels } : current.labels;
    const active = input.active ?? current.active;
    await tx
      .update(picklistValues)
      .set({ labels, active })
      .where(and(eq(picklistValues.picklist, picklist), eq(picklistValues.key, key)));
    await announceConfigChange({ ...ctx, db: tx });
    return { ...current, labels, active };
  });
}

/** Sets the order of a picklist: `keys` must list every value exactly once. */
export async function reorderPicklist(
  ctx: AdminCtx,
  picklist: PicklistName,
  keys: string[],
): Promise<PicklistValue[]> {
  assertAdmin(ctx.actor, 'picklists');
  return ctx.db.transaction(async (tx) => {
    const lists = await loadPicklists(tx);
    const existing = lists[picklist].map((v) => v.key).sort();
    if (keys.length !== existing.length || [...keys].sort().some((k, i) => k !== existing[i])) {
      throw invalid('keys', `must list every ${picklist} key exactly once: ${existing.join(', ')}`);
    }
    for (const [position, key] of keys.entries()) {
      await tx
        .update(picklistValues)
        .set({ position })
        .where(and(eq(picklistValues.picklist, picklist), eq(picklistValues.key, key)));
    }
    if (picklist === 'priority') await rerankPriorities(tx);
    await announceConfigChange({ ...ctx, db: tx });
    return (await loadPicklists(tx))[picklist];
  });
}

/**
 * tickets.priority_rank mirrors the priority's position so lists sort by an index. It is derived
 * data, not a change to the ticket, so it is re-derived here without ticket events.
 */
async function rerankPriorities(db: Db): Promise<void> {
  await db.execute(sql`
    UPDATE ${tickets} t SET priority_rank = p.position
    FROM ${picklistValues} p
    WHERE p.picklist = 'priority' AND p.key = t.priority AND t.priority_rank <> p.position`);
}
