// Per-priority targets: a row per priority (labels from the picklist, in the agent's language), a
// column per clock (first response, next response, resolution); each cell a duration and the
// calendar it counts on. A blank duration means no target for that clock.
import { Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { usePicklistLabel } from '../../app/reference-data.ts';
import { formatDuration, parseDuration } from './duration.ts';
import type { TargetCell, TargetsDraft } from './policy-draft.ts';
import { type FieldErrors, SLA_METRICS, type SlaMetric } from './sla-data.ts';

interface TargetsTableProps {
  value: TargetsDraft;
  onChange: (value: TargetsDraft) => void;
  calendars: Array<{ value: string; label: string }>;
  /** The calendar a cell takes when a duration is typed into it first. */
  defaultCalendarId: string | null;
  errors: FieldErrors;
}

export function TargetsTable({
  value,
  onChange,
  calendars,
  defaultCalendarId,
  errors,
}: TargetsTableProps): ReactElement {
  const { t } = useTranslation('slaAdmin');
  const label = usePicklistLabel();
  const setCell = (priority: string, metric: SlaMetric, cell: TargetCell) => {
    const row = value[priority];
    if (!row) return;
    onChange({ ...value, [priority]: { ...row, [metric]: cell } });
  };
  return (
    <Table withTableBorder withColumnBorders verticalSpacing="xs" aria-label={t('targets.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('targets.priority')}</Table.Th>
          {SLA_METRICS.map((m) => (
            <Table.Th key={m}>{t(`metric.${m}`)}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {Object.entries(value).map(([priority, row]) => {
          const priorityLabel = label('priority', priority);
          const rowProblems = [errors.get(`targets/${priority}`)].filter((m): m is string => Boolean(m));
          return (
            <Table.Tr key={priority} data-priority={priority}>
              <Table.Th scope="row">
                {priorityLabel}
                {rowProblems.map((m) => (
                  <Text key={m} size="xs" c="red" role="alert" fw={400}>
                    {m}
                  </Text>
                ))}
              </Table.Th>
              {SLA_METRICS.map((metric) => {
                const cell = row[metric];
                const at = `targets/${priority}/${metric}`;
                const metricLabel = t(`metric.${metric}`);
                const cellProblem = errors.get(at);
                return (
                  <Table.Td key={metric}>
                    <Stack gap={4}>
                      <Group gap={6} wrap="nowrap" align="flex-start">
                        <TextInput
                          size="xs"
                          w={110}
                          aria-label={t('targets.duration', { metric: metricLabel, priority: priorityLabel })}
                          placeholder={t('targets.none')}
                          value={cell.text}
                          error={errors.get(`${at}/minutes`)}
                          onChange={(e) => {
                            const text = e.currentTarget.value;
                            setCell(priority, metric, {
                              text,
                              calendarId: text.trim() ? (cell.calendarId ?? defaultCalendarId) : null,
                            });
                          }}
                          onBlur={() => {
                            const minutes = parseDuration(cell.text);
                            if (typeof minutes === 'number')
                              setCell(priority, metric, { ...cell, text: formatDuration(minutes, t) });
                          }}
                        />
                        {(cell.text.trim() !== '' || errors.has(`${at}/calendarId`)) && (
                          <Select
                            size="xs"
                            w={170}
                            aria-label={t('targets.calendar', {
                              metric: metricLabel,
                              priority: priorityLabel,
                            })}
                            placeholder={t('targets.chooseCalendar')}
                            data={calendars}
                            value={cell.calendarId}
                            clearable
                            error={errors.get(`${at}/calendarId`)}
                            onChange={(calendarId) => setCell(priority, metric, { ...cell, calendarId })}
                            comboboxProps={{ withinPortal: true }}
                          />
                        )}
                      </Group>
                      {cellProblem && (
                        <Text size="xs" c="red" role="alert">
                          {cellProblem}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** Whether the table shows this error path itself. */
export function targetsShow(path: string, draft: TargetsDraft): boolean {
  const m =
    /^targets\/([^/]+)(?:\/(firstResponse|nextResponse|resolution)(?:\/(minutes|calendarId))?)?$/.exec(path);
  return Boolean(m?.[1] && draft[m[1]]);
}
