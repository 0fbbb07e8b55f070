// The ticket as the API shows it, and the field list history and diffs are computed over.
import type { FieldChange, StatusCategory, tickets } from './schema.ts';

export type TicketRow = typeof tickets.$inferSelect;

export interface TicketDto {
  id: string;
  number: string;
  subject: string;
  description: string;
  status: string;
  statusCategory: StatusCategory;
  priority: string;
  severity: string | null;
  category: string | null;
  type: string | null;
  channel: string;
  departmentId: string | null;
  ownerAgentId: string | null;
  ownerGroupId: string | null;
  contactId: string | null;
  organizationId: string | null;
  productId: string | null;
  tags: string[];
  custom: Record<string, unknown>;
  solution: string;
  version: number;
  mergedIntoId: string | null;
  splitFromId: string | null;
  reopenCount: number;
  messageCount: number;
  lastCustomerMessageAt: string | null;
  lastAgentReplyAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  voidedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toTicketDto(row: Omit<TicketRow, 'searchVector'>): TicketDto {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    description: row.description,
    status: row.status,
    statusCategory: row.statusCategory,
    priority: row.priority,
    severity: row.severity,
    category: row.category,
    type: row.type,
    channel: row.channel,
    departmentId: row.departmentId,
    ownerAgentId: row.ownerAgentId,
    ownerGroupId: row.ownerGroupId,
    contactId: row.contactId,
    organizationId: row.organizationId,
    productId: row.productId,
    tags: row.tags,
    custom: row.custom,
    solution: row.solution,
    version: row.version,
    mergedIntoId: row.mergedIntoId,
    splitFromId: row.splitFromId,
    reopenCount: row.reopenCount,
    messageCount: row.messageCount,
    lastCustomerMessageAt: iso(row.lastCustomerMessageAt),
    lastAgentReplyAt: iso(row.lastAgentReplyAt),
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    voidedAt: iso(row.voidedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Fields whose changes are recorded in history, by API name. */
export const TRACKED_FIELDS = [
  'subject',
  'description',
  'status',
  'priority',
  'severity',
  'category',
  'type',
  'channel',
  'departmentId',
  'ownerAgentId',
  'ownerGroupId',
  'contactId',
  'organizationId',
  'productId',
  'tags',
  'solution',
  'mergedIntoId',
] as const satisfies ReadonlyArray<keyof TicketRow>;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Field-level changes between two versions of a ticket; custom fields as `custom.<key>`. */
export function diffTickets(
  before: Omit<TicketRow, 'searchVector'> | null,
  after: Omit<TicketRow, 'searchVector'>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of TRACKED_FIELDS) {
    const from = before ? before[field] : null;
    const to = after[field];
    if (
      !same(from, to) &&
      !(before === null && (to === null || to === '' || (Array.isArray(to) && to.length === 0)))
    ) {
      changes.push({ field, from: from ?? null, to: to ?? null });
    }
  }
  const keys = new Set([...Object.keys(before?.custom ?? {}), ...Object.keys(after.custom)]);
  for (const key of [...keys].sort()) {
    const from = before?.custom[key] ?? null;
    const to = after.custom[key] ?? null;
    if (!same(from, to)) changes.push({ field: `custom.${key}`, from, to });
  }
  return changes;
}
