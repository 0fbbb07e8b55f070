// The rule editor's "When": an event (with the fields whose change counts, for "a field changed"),
// or a time after an anchor, counted in an SLA calendar's business hours or in calendar time.
import { Group, MultiSelect, NumberInput, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { usePicklistLabel, usePicklists } from '../../app/reference-data.ts';
import { useCalendars } from '../sla-admin/sla-data.ts';
import { fieldCatalog } from '../tickets-list/ticket-field-catalog.ts';
import { useCustomFieldDefs } from '../tickets-list/view-data.ts';
import { CALENDAR_TIME, type RuleValues } from './rule-draft.ts';
import { useFieldName } from './rule-words.ts';
import { EVENT_TRIGGERS, TIME_ANCHORS, TIME_UNITS } from './rules-data.ts';

export function TriggerSection({ form }: { form: UseFormReturnType<RuleValues> }): ReactElement {
  const { t } = useTranslation('rules');
  const trigger = form.getValues().trigger;
  const fieldName = useFieldName();
  const defs = useCustomFieldDefs().data;
  const calendars = useCalendars().data;
  const statuses = usePicklists().data?.status ?? [];
  const statusLabel = usePicklistLabel();
  const fieldOptions = fieldCatalog(defs).map((f) => ({ value: f.name, label: fieldName(f.name) }));

  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label={t('trigger.kind')}
        w="fit-content"
        data={[
          { value: 'event', label: t('trigger.onEvent') },
          { value: 'time', label: t('trigger.afterTime') },
        ]}
        {...form.getInputProps('trigger.kind')}
      />
      {trigger.kind === 'event' ? (
        <Group align="flex-start" gap="sm">
          <Select
            label={t('trigger.event')}
            w={260}
            allowDeselect={false}
            data={EVENT_TRIGGERS.map((e) => ({ value: e, label: t(`event.${e}`) }))}
            {...form.getInputProps('trigger.event')}
          />
          {trigger.event === 'field_changed' && (
            <MultiSelect
              label={t('trigger.fields')}
              placeholder={t('trigger.fieldsPlaceholder')}
              searchable
              miw={280}
              style={{ flex: 1 }}
              data={fieldOptions}
              {...form.getInputProps('trigger.fields')}
            />
          )}
        </Group>
      ) : (
        <Stack gap={6}>
          <Group align="flex-start" gap="sm">
            <NumberInput
              label={t('trigger.amount')}
              w={110}
              min={1}
              allowDecimal={false}
              {...form.getInputProps('trigger.amount')}
            />
            <Select
              label={t('trigger.unit')}
              w={130}
              allowDeselect={false}
              data={TIME_UNITS.map((u) => ({ value: u, label: t(`unit.${u}`) }))}
              {...form.getInputProps('trigger.unit')}
            />
            <Select
              label={t('trigger.after')}
              w={280}
              allowDeselect={false}
              data={TIME_ANCHORS.map((a) => ({ value: a, label: t(`anchor.${a}`) }))}
              {...form.getInputProps('trigger.after')}
            />
            {trigger.after === 'status_entered' && (
              <Select
                label={t('trigger.status')}
                w={200}
                data={statuses.map((s) => ({ value: s.key, label: statusLabel('status', s.key) }))}
                {...form.getInputProps('trigger.status')}
              />
            )}
          </Group>
          <Select
            label={t('trigger.calendar')}
            w={360}
            allowDeselect={false}
            data={[
              { value: CALENDAR_TIME, label: t('trigger.calendarTime') },
              ...(calendars ?? []).map((c) => ({
                value: c.id,
                label: t('trigger.businessHoursOf', { calendar: c.name }),
              })),
            ]}
            {...form.getInputProps('trigger.calendarId')}
          />
          <Text size="xs" c="gray.7">
            {t('trigger.timeHelp')}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}
