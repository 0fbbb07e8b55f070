// The list's columns: which fields can be shown, how wide, and how each cell renders.
import { Badge, Group, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { Ticket } from '../../app/api-client.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { StatusBadge } from '../../app/status-badge.tsx';
import { type FieldInfo, fieldLabel, findField, localLabel } from './ticket-field-catalog.ts';
import type { CustomFieldDef } from './view-data.ts';

export interface CellContext {
  t: TFunction<'ticketsList'>;
  language: string;
  picklistLabel: (picklist: string, key: string | null | undefined) => string;
  agentName: (id: string) => string | undefined;
  groupName: (id: string) => string | undefined;
  productName: (id: string) => string | undefined;
  dateTime: (iso: string | null | undefined) => string;
  ago: (iso: string | null | undefined) => string;
  number: (n: number) => string;
  /** The ticket's most pressing SLA clock as a badge (the list asks for its rows' SLA at once). */
  slaBadge: (ticketId: string) => ReactNode;
}

export interface ListColumn {
  key: string;
  header: string;
  /** Pixels; undefined takes the remaining width (the subject). */
  width: number | undefined;
  /** The server sort field, when the column can be sorted. */
  sortField: string | undefined;
  render: (ticket: Ticket, ctx: CellContext) => ReactNode;
}

/** Fields that make sense as columns (ids without a name to show are left out). */
const COLUMN_FIELDS = new Set([
  'number',
  'subject',
  'status',
  'priority',
  'severity',
  'category',
  'type',
  'channel',
  'ownerAgentId',
  'ownerGroupId',
  'productId',
  'tags',
  'reopenCount',
  'messageCount',
  'createdAt',
  'updatedAt',
  'lastCustomerMessageAt',
  'lastAgentReplyAt',
  'resolvedAt',
  'closedAt',
  'sla.nextDueAt',
]);

export function canBeColumn(field: FieldInfo): boolean {
  return COLUMN_FIELDS.has(field.name) || Boolean(field.custom);
}

const WIDTHS: Record<string, number> = {
  number: 96,
  status: 128,
  priority: 96,
  severity: 104,
  category: 120,
  type: 112,
  channel: 96,
  ownerAgentId: 148,
  ownerGroupId: 136,
  productId: 140,
  tags: 180,
  reopenCount: 84,
  messageCount: 84,
  'sla.nextDueAt': 160,
};

const PRIORITY_COLORS: Record<string, string> = { urgent: 'red', high: 'orange' };

function dimmed(text: string): ReactNode {
  return (
    <Text span size="sm" c="gray.7">
      {text}
    </Text>
  );
}

function needsReply(ticket: Ticket): boolean {
  const customer = ticket.lastCustomerMessageAt ? Date.parse(ticket.lastCustomerMessageAt) : null;
  const agent = ticket.lastAgentReplyAt ? Date.parse(ticket.lastAgentReplyAt) : null;
  return customer !== null && (agent === null || customer > agent) && ticket.statusCategory !== 'closed';
}

function when(iso: string | null | undefined, ctx: CellContext): ReactNode {
  if (!iso) return null;
  return (
    <Text span size="sm" title={ctx.dateTime(iso)}>
      {ctx.ago(iso)}
    </Text>
  );
}

function tagList(tags: string[]): ReactNode {
  if (tags.length === 0) return null;
  return (
    <Group gap={4} wrap="nowrap" style={{ overflow: 'hidden' }}>
      {tags.slice(0, 3).map((tag) => (
        <Badge key={tag} size="xs" variant="outline" color="gray.7" tt="none">
          {tag}
        </Badge>
      ))}
      {tags.length > 3 && dimmed(`+${tags.length - 3}`)}
    </Group>
  );
}

function renderCustom(def: CustomFieldDef, value: unknown, ctx: CellContext): ReactNode {
  if (value === null || value === undefined || value === '') return null;
  switch (def.type) {
    case 'picklist': {
      const option = def.options.find((o) => o.key === value);
      return option ? localLabel(option.labels, ctx.language, option.key) : String(value);
    }
    case 'multi_picklist':
      return Array.isArray(value)
        ? value
            .map((v) => {
              const option = def.options.find((o) => o.key === v);
              return option ? localLabel(option.labels, ctx.language, option.key) : String(v);
            })
            .join(', ')
        : null;
    case 'checkbox':
      return value === true ? ctx.t('value.yes') : ctx.t('value.no');
    case 'datetime':
      return typeof value === 'string' ? ctx.dateTime(value) : null;
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? ctx.number(value) : String(value);
    case 'user':
      return typeof value === 'string' ? (ctx.agentName(value) ?? '') : null;
    default:
      return String(value);
  }
}

function renderField(name: string, def: CustomFieldDef | undefined): ListColumn['render'] {
  if (def)
    return (ticket, ctx) => renderCustom(def, (ticket.custom as Record<string, unknown>)[def.key], ctx);
  switch (name) {
    case 'number':
      return (ticket) => (
        <Text span size="sm" ff="monospace">
          {ticket.number}
        </Text>
      );
    case 'subject':
      return (ticket, ctx) => (
        <Group gap={6} wrap="nowrap" align="center">
          {needsReply(ticket) && (
            <span
              role="img"
              aria-label={ctx.t('row.customerReplied')}
              title={ctx.t('row.customerReplied')}
              style={{
                flex: 'none',
                width: 8,
                height: 8,
                borderRadius: 4,
                background: 'var(--mantine-color-blue-7)',
              }}
            />
          )}
          <RouterAnchor
            to="/tickets/$ticketId"
            params={{ ticketId: ticket.id }}
            size="sm"
            c="inherit"
            fw={500}
            tabIndex={-1}
            style={{
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              whiteSpace: 'nowrap',
              minWidth: 0,
              display: 'block',
              lineHeight: '20px',
            }}
          >
            {ticket.subject}
          </RouterAnchor>
        </Group>
      );
    case 'status':
      return (ticket) => <StatusBadge status={ticket.status} category={ticket.statusCategory} />;
    case 'priority':
      return (ticket, ctx) => (
        <Text
          span
          size="sm"
          c={ticket.priority ? PRIORITY_COLORS[ticket.priority] : undefined}
          fw={ticket.priority && PRIORITY_COLORS[ticket.priority] ? 600 : undefined}
        >
          {ctx.picklistLabel('priority', ticket.priority)}
        </Text>
      );
    case 'severity':
    case 'category':
    case 'type':
      return (ticket, ctx) => ctx.picklistLabel(name, ticket[name]);
    case 'channel':
      return (ticket, ctx) => ctx.t(`channel.${ticket.channel}`, { defaultValue: ticket.channel });
    case 'ownerAgentId':
      return (ticket, ctx) =>
        ticket.ownerAgentId ? (ctx.agentName(ticket.ownerAgentId) ?? '…') : dimmed(ctx.t('row.unassigned'));
    case 'ownerGroupId':
      return (ticket, ctx) => (ticket.ownerGroupId ? (ctx.groupName(ticket.ownerGroupId) ?? '…') : null);
    case 'productId':
      return (ticket, ctx) => (ticket.productId ? (ctx.productName(ticket.productId) ?? '…') : null);
    case 'tags':
      return (ticket) => tagList(ticket.tags ?? []);
    case 'reopenCount':
    case 'messageCount':
      return (ticket, ctx) => ctx.number(ticket[name]);
    case 'sla.nextDueAt':
      return (ticket, ctx) => ctx.slaBadge(ticket.id);
    case 'createdAt':
    case 'updatedAt':
    case 'lastCustomerMessageAt':
    case 'lastAgentReplyAt':
    case 'resolvedAt':
    case 'closedAt':
      return (ticket, ctx) => when(ticket[name], ctx);
    default:
      return () => null;
  }
}

export function buildColumns(
  keys: string[],
  defs: CustomFieldDef[] | undefined,
  t: TFunction<'ticketsList'>,
  language: string,
): ListColumn[] {
  const columns: ListColumn[] = [];
  for (const key of keys) {
    const field = findField(key, defs);
    if (!field || !canBeColumn(field)) continue;
    columns.push({
      key,
      header: fieldLabel(field, t, language),
      width: key === 'subject' ? undefined : (WIDTHS[key] ?? (field.type === 'datetime' ? 128 : 140)),
      sortField: field.sortable ? key : undefined,
      render: renderField(key, field.custom),
    });
  }
  return columns;
}
