// The weekly hours of a calendar: a row per weekday (Monday first) with its intervals as start and
// end times, "closed" when there are none, presets and "copy Monday to Tuesday–Friday". Problems
// the server names (`definition/week/mon/0/1`) show beside the input they point at.
import { ActionIcon, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { allDayWeek, copyMondayToWeekdays, nextInterval, officeWeek, WEEK_KEYS } from './calendar-model.ts';
import type { FieldErrors, Interval, Week, WeekKey } from './sla-data.ts';
import { weekdayName } from './zoned-time.ts';

interface WeeklyGridProps {
  week: Week;
  onChange: (week: Week) => void;
  errors: FieldErrors;
  readOnly: boolean;
}

export function WeeklyGrid({ week, onChange, errors, readOnly }: WeeklyGridProps): ReactElement {
  const { t, i18n } = useTranslation('slaAdmin');
  const setDay = (key: WeekKey, day: Interval[]) => onChange({ ...week, [key]: day });
  const rowError = (key: WeekKey) => {
    const own = errors.get(`definition/week/${key}`);
    // Pair-level problems (`…/mon/0`) have no single input to sit beside.
    const pairs = week[key].map((_, i) => errors.get(`definition/week/${key}/${i}`)).filter(Boolean);
    return [own, ...pairs].filter((m): m is string => Boolean(m));
  };
  return (
    <Stack gap="xs">
      {!readOnly && (
        <Group gap="xs">
          <Text size="sm" c="gray.7">
            {t('grid.presets')}
          </Text>
          <Button size="xs" variant="light" onClick={() => onChange(officeWeek())}>
            {t('grid.presetOffice')}
          </Button>
          <Button size="xs" variant="light" onClick={() => onChange(allDayWeek())}>
            {t('grid.presetAllDay')}
          </Button>
          <Button size="xs" variant="subtle" onClick={() => onChange(copyMondayToWeekdays(week))}>
            {t('grid.copyMonday')}
          </Button>
        </Group>
      )}
      {errors.get('definition/week') && (
        <Text size="xs" c="red" role="alert">
          {errors.get('definition/week')}
        </Text>
      )}
      <Table verticalSpacing={6} withRowBorders>
        <Table.Tbody>
          {WEEK_KEYS.map((key, dayIndex) => {
            const day = week[key];
            const dayName = weekdayName(i18n.language, dayIndex, 'long');
            const problems = rowError(key);
            return (
              <Table.Tr key={key} data-weekday={key}>
                <Table.Th w={140} scope="row" style={{ verticalAlign: 'top', paddingTop: 12 }}>
                  {dayName}
                </Table.Th>
                <Table.Td>
                  <Stack gap={4}>
                    {day.length === 0 && (
                      <Text size="sm" c="gray.7" py={4}>
                        {t('grid.closed')}
                      </Text>
                    )}
                    {day.map(([start, end], i) => {
                      const at = `definition/week/${key}/${i}`;
                      const update = (pos: 0 | 1, value: string) =>
                        setDay(
                          key,
                          day.map((iv, j) => (j === i ? (pos === 0 ? [value, iv[1]] : [iv[0], value]) : iv)),
                        );
                      return (
                        // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity but their place
                        <Group key={i} gap={6} align="flex-start" wrap="nowrap">
                          <TextInput
                            size="xs"
                            w={110}
                            aria-label={t('grid.start', { day: dayName, n: i + 1 })}
                            placeholder="09:00"
                            value={start}
                            readOnly={readOnly}
                            maxLength={5}
                            error={errors.get(`${at}/0`)}
                            onChange={(e) => update(0, e.currentTarget.value)}
                          />
                          <Text size="sm" pt={4} aria-hidden>
                            –
                          </Text>
                          <TextInput
                            size="xs"
                            w={110}
                            aria-label={t('grid.end', { day: dayName, n: i + 1 })}
                            placeholder="17:00"
                            value={end}
                            readOnly={readOnly}
                            maxLength={5}
                            error={errors.get(`${at}/1`)}
                            onChange={(e) => update(1, e.currentTarget.value)}
                          />
                          {!readOnly && (
                            <ActionIcon
                              variant="subtle"
                              color="gray.8"
                              mt={2}
                              aria-label={t('grid.remove', { day: dayName, n: i + 1 })}
                              onClick={() =>
                                setDay(
                                  key,
                                  day.filter((_, j) => j !== i),
                                )
                              }
                            >
                              ✕
                            </ActionIcon>
                          )}
                        </Group>
                      );
                    })}
                    {problems.map((m) => (
                      <Text key={m} size="xs" c="red" role="alert">
                        {m}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td w={150} style={{ verticalAlign: 'top' }}>
                  {!readOnly && (
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-label={t('grid.addFor', { day: dayName })}
                      onClick={() => setDay(key, [...day, nextInterval(day)])}
                    >
                      {t('grid.add')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Whether the grid shows this error path itself. */
export function gridShows(path: string): boolean {
  return /^definition\/week(\/(mon|tue|wed|thu|fri|sat|sun)(\/\d+(\/[01])?)?)?$/.test(path);
}
