// The new-ticket form's state and how it becomes a create request: pure functions, no React.
import type { Contact, CustomField } from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';
import type { OrganizationChoice, ProductChoice } from '../customers/record-select.tsx';

export type CreateTicketBody = NonNullable<
  paths['/api/v1/tickets']['post']['requestBody']
>['content']['application/json'];

/** The channels an agent records by hand (C4); phone first, it is the common case. */
export const MANUAL_CHANNELS = ['phone', 'chat', 'social', 'email'] as const;
export type ManualChannel = (typeof MANUAL_CHANNELS)[number];

export interface TicketDraft {
  channel: ManualChannel;
  subject: string;
  description: string;
  status: string | null;
  priority: string | null;
  severity: string | null;
  category: string | null;
  type: string | null;
  ownerAgentId: string | null;
  ownerGroupId: string | null;
  contact: Contact | null;
  organization: OrganizationChoice | null;
  product: ProductChoice | null;
  tags: string[];
  /** Values as the inputs hold them: a datetime is the wall time "YYYY-MM-DDTHH:mm" until sent. */
  custom: Record<string, unknown>;
}

export function emptyDraft(fields: readonly CustomField[]): TicketDraft {
  const custom: Record<string, unknown> = {};
  for (const f of fields) {
    if (!f.active) continue;
    if (f.defaultValue !== null && f.defaultValue !== undefined) custom[f.key] = f.defaultValue;
    else if (f.type === 'checkbox') custom[f.key] = false;
  }
  return {
    channel: 'phone',
    subject: '',
    description: '',
    status: null,
    priority: null,
    severity: null,
    category: null,
    type: null,
    ownerAgentId: null,
    ownerGroupId: null,
    contact: null,
    organization: null,
    product: null,
    tags: [],
    custom,
  };
}

export function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Offset of a time zone from UTC at an instant, in milliseconds. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** "2025-03-30T02:30" on the wall clock of `timeZone` as an ISO instant (DST gaps move forward). */
export function wallTimeToIso(wall: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!m) return null;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let instant = guess - zoneOffset(guess, timeZone);
  instant = guess - zoneOffset(instant, timeZone);
  return new Date(instant).toISOString();
}

/** Client-side checks before sending: the subject and the required custom fields. */
export function missingFields(draft: TicketDraft, fields: readonly CustomField[]): string[] {
  const missing: string[] = [];
  if (!draft.subject.trim()) missing.push('subject');
  for (const f of fields) {
    if (f.active && f.required && isEmptyValue(draft.custom[f.key])) missing.push(`custom/${f.key}`);
  }
  return missing;
}

export function toCreateBody(
  draft: TicketDraft,
  fields: readonly CustomField[],
  timeZone: string,
): CreateTicketBody {
  const custom: Record<string, unknown> = {};
  for (const f of fields) {
    const v = draft.custom[f.key];
    if (!f.active || isEmptyValue(v)) continue;
    custom[f.key] = f.type === 'datetime' && typeof v === 'string' ? (wallTimeToIso(v, timeZone) ?? v) : v;
  }
  const optional = <K extends string, V>(key: K, value: V | null | undefined) =>
    value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);
  return {
    subject: draft.subject.trim(),
    channel: draft.channel,
    description: draft.description,
    ...optional('status', draft.status),
    ...optional('priority', draft.priority),
    ...optional('severity', draft.severity),
    ...optional('category', draft.category),
    ...optional('type', draft.type),
    ...optional('ownerAgentId', draft.ownerAgentId),
    ...optional('ownerGroupId', draft.ownerGroupId),
    ...optional('contactId', draft.contact?.id),
    ...optional('organizationId', draft.organization?.id),
    ...optional('productId', draft.product?.id),
    ...(draft.tags.length ? { tags: draft.tags } : {}),
    ...(Object.keys(custom).length ? { custom } : {}),
  };
}

/** What the typed lookup text most likely is, to fill the new-contact form with it. */
export function guessContactField(text: string): { name?: string; email?: string; phone?: string } {
  const value = text.trim();
  if (!value) return {};
  if (value.includes('@')) return { email: value };
  if (/^\+?[\d\s().-]{3,}$/.test(value) && /\d{3}/.test(value.replace(/\D/g, ''))) return { phone: value };
  return { name: value };
}
