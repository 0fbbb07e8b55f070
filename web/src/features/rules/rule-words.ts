// Rules in words, in the agent's language: a trigger ("3 hours after the last customer reply, in
// business hours of Paris"), an action type, a field and a value (picklist labels, names of agents,
// groups and departments rather than keys and ids).
import { useTranslation } from 'react-i18next';
import { useAgents, useGroups, usePicklistLabel } from '../../app/reference-data.ts';
import { useFieldName } from '../automation/field-name.ts';
import { useCalendars } from '../sla-admin/sla-data.ts';
import { useCustomFieldDefs, useProducts } from '../tickets-list/view-data.ts';
import { isTimeTrigger, type RuleTrigger, useDepartments } from './rules-data.ts';

export { useFieldName };

const PICKLIST_FIELDS = new Set(['status', 'priority', 'severity', 'category', 'type']);

/** A field's value in words: labels for picklist keys, names for ids, lists joined. */
export function useValueWords(): (field: string, value: unknown) => string {
  const { t, i18n } = useTranslation('rules');
  const picklist = usePicklistLabel();
  const agents = useAgents().data;
  const groups = useGroups().data;
  const departments = useDepartments().data;
  const products = useProducts().data;
  const defs = useCustomFieldDefs().data;
  const words = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('value.none');
    if (Array.isArray(value))
      return value.length ? value.map((v) => words(field, v)).join(', ') : t('value.none');
    if (typeof value === 'boolean') return value ? t('value.yes') : t('value.no');
    const text = String(value);
    if (PICKLIST_FIELDS.has(field)) return picklist(field, text) || text;
    if (field === 'ownerAgentId') return agents?.find((a) => a.id === text)?.name ?? text;
    if (field === 'ownerGroupId') return groups?.find((g) => g.id === text)?.name ?? text;
    if (field === 'departmentId') return departments?.find((d) => d.id === text)?.name ?? text;
    if (field === 'productId') return products?.find((p) => p.id === text)?.name ?? text;
    const def = field.startsWith('custom.') ? defs?.find((d) => `custom.${d.key}` === field) : undefined;
    const option = def?.options.find((o) => o.key === text);
    if (option) {
      const labels = option.labels as Record<string, unknown>;
      const label = labels[i18n.language] ?? labels.en;
      return typeof label === 'string' && label ? label : text;
    }
    if (def?.type === 'user') return agents?.find((a) => a.id === text)?.name ?? text;
    return text;
  };
  return words;
}

/** The trigger in a sentence, for the rule list and the run log. */
export function useTriggerWords(): (trigger: RuleTrigger | Record<string, unknown>) => string {
  const { t, i18n } = useTranslation('rules');
  const fieldName = useFieldName();
  const status = usePicklistLabel();
  const either = new Intl.ListFormat(i18n.language, { type: 'disjunction' });
  const calendars = useCalendars().data;
  return (raw) => {
    const trigger = raw as RuleTrigger;
    if (!isTimeTrigger(trigger)) {
      if (trigger.type === 'field_changed')
        return t('summary.fieldChanged', { fields: either.format((trigger.fields ?? []).map(fieldName)) });
      return t(`event.${trigger.type}`, { defaultValue: String(trigger.type) });
    }
    const delay = t(`unitCount.${trigger.unit}`, { count: trigger.amount });
    const anchor =
      trigger.after === 'status_entered'
        ? t('summary.statusEntered', { status: status('status', trigger.status) || trigger.status })
        : t(`anchorPhrase.${trigger.after}`);
    const calendar = trigger.calendarId
      ? t('summary.businessHours', {
          calendar: calendars?.find((c) => c.id === trigger.calendarId)?.name ?? '…',
        })
      : t('summary.calendarTime');
    return t('summary.time', { delay, anchor, calendar });
  };
}

/** Whether a trigger is time-based, for the list's filter. */
export const triggerKind = (trigger: Record<string, unknown>): 'time' | 'event' =>
  trigger.type === 'time' ? 'time' : 'event';
