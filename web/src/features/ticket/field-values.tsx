// Field names and values as an agent reads them: picklist labels and custom field names in the
// agent's language, names instead of ids, dates in the agent's time zone.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { useAgents, useGroups, usePicklistLabel } from '../../app/reference-data.ts';
import { emptyText } from './field-editor.tsx';
import {
  useContact,
  useCustomFields,
  useDepartments,
  useOrganization,
  useOtherTicket,
  useProduct,
} from './ticket-data.ts';

export const PICKLIST_FIELDS = ['status', 'priority', 'severity', 'category', 'type'] as const;
const STANDARD_FIELDS = new Set([
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
]);

/** A label object from the server in the agent's language, then English, then the fallback. */
export function useLocalLabel() {
  const { i18n } = useTranslation();
  return (labels: Record<string, unknown> | undefined, fallback: string): string => {
    const l = (labels ?? {}) as Record<string, unknown>;
    const v = l[i18n.language] ?? l.en;
    return typeof v === 'string' && v ? v : fallback;
  };
}

/** The name of a field, standard or custom (`custom.caseType`). */
export function useFieldLabel() {
  const { t } = useTranslation('ticket');
  const defs = useCustomFields().data;
  const local = useLocalLabel();
  return (field: string): string => {
    if (field.startsWith('custom.')) {
      const key = field.slice(7);
      const def = defs?.find((d) => d.key === key);
      return local(def?.labels, key);
    }
    return STANDARD_FIELDS.has(field) ? t(`fields.${field}`) : field;
  };
}

function isEmpty(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

function shorten(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function ContactName({ id }: { id: string }) {
  return <>{useContact(id).data?.name ?? '…'}</>;
}
function OrganizationName({ id }: { id: string }) {
  return <>{useOrganization(id).data?.name ?? '…'}</>;
}
function ProductName({ id }: { id: string }) {
  return <>{useProduct(id).data?.name ?? '…'}</>;
}
function TicketNumber({ id }: { id: string }) {
  const ticket = useOtherTicket(id).data;
  return <>{ticket ? ticket.number : '…'}</>;
}

/** Text of a custom field value per its definition. */
export function useCustomValueText() {
  const { t, i18n } = useTranslation('ticket');
  const format = useFormat();
  const local = useLocalLabel();
  const agents = useAgents().data;
  return (def: CustomField | undefined, value: unknown): string => {
    if (isEmpty(value)) return emptyText;
    const option = (k: unknown) => {
      const o = def?.options.find((x) => x.key === k);
      return o ? local(o.labels, o.key) : String(k);
    };
    switch (def?.type) {
      case 'checkbox':
        return value ? t('fields.yes') : t('fields.no');
      case 'picklist':
        return option(value);
      case 'multi_picklist':
        return Array.isArray(value) ? value.map(option).join(', ') : String(value);
      case 'datetime':
        return format.dateTime(String(value));
      case 'date': {
        const d = new Date(`${String(value)}T00:00:00Z`);
        return Number.isNaN(d.getTime())
          ? String(value)
          : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
      }
      case 'user':
        return agents?.find((a) => a.id === value)?.name ?? String(value);
      case 'decimal':
      case 'integer':
        return typeof value === 'number' ? format.number(value) : String(value);
      default:
        return typeof value === 'string' ? shorten(value) : JSON.stringify(value);
    }
  };
}

/** One value of a field, as the agent reads it. */
export function FieldValue({ field, value }: { field: string; value: unknown }): ReactElement {
  const { t } = useTranslation('ticket');
  const picklist = usePicklistLabel();
  const agents = useAgents().data;
  const groups = useGroups().data;
  const departments = useDepartments().data;
  const defs = useCustomFields().data;
  const customText = useCustomValueText();
  if (isEmpty(value)) return <>{emptyText}</>;
  if (field.startsWith('custom.')) {
    const def = defs?.find((d) => d.key === field.slice(7));
    return <>{customText(def, value)}</>;
  }
  const id = String(value);
  switch (field) {
    case 'status':
    case 'priority':
    case 'severity':
    case 'category':
    case 'type':
      return <>{picklist(field, id)}</>;
    case 'ownerAgentId':
      return <>{agents?.find((a) => a.id === id)?.name ?? '…'}</>;
    case 'ownerGroupId':
      return <>{groups?.find((g) => g.id === id)?.name ?? '…'}</>;
    case 'departmentId':
      return <>{departments?.find((d) => d.id === id)?.name ?? '…'}</>;
    case 'contactId':
      return <ContactName id={id} />;
    case 'organizationId':
      return <OrganizationName id={id} />;
    case 'productId':
      return <ProductName id={id} />;
    case 'mergedIntoId':
      return <TicketNumber id={id} />;
    case 'channel':
      return <>{t(`channel.${id}`, { defaultValue: id })}</>;
    case 'tags':
      return <>{Array.isArray(value) ? value.join(', ') : id}</>;
    default:
      if (typeof value === 'boolean') return <>{value ? t('fields.yes') : t('fields.no')}</>;
      return <>{typeof value === 'string' ? shorten(value) : JSON.stringify(value)}</>;
  }
}
