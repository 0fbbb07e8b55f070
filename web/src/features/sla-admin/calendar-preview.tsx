// Try the calendar before saving it: from a start (wall-clock time in the calendar's zone) and a
// target of business hours and minutes, when the target would be due — in the calendar's zone and
// in the agent's. The server's clock answers (POST /api/v1/sla/preview) with the unsaved definition.
import { Group, NumberInput, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { useSession } from '../../app/session.tsx';
import type { CalendarDefinition } from './sla-data.ts';
import { formatInZone, todayAtNine, wallToInstant } from './zoned-time.ts';

export function CalendarPreview({ definition }: { definition: CalendarDefinition }): ReactElement {
  const { t, i18n } = useTranslation('slaAdmin');
  const { agent } = useSession();
  const agentZone = agent?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [start, setStart] = useState(() => todayAtNine(definition.timezone));
  const [hours, setHours] = useState<number | string>(4);
  const [minutes, setMinutes] = useState<number | string>(0);

  const startInstant = wallToInstant(start, definition.timezone);
  const target = (Number(hours) || 0) * 60 + (Number(minutes) || 0);
  const input =
    startInstant && Number.isInteger(target) && target >= 0 ? { definition, startInstant, target } : null;
  const [debounced] = useDebouncedValue(input, 300);
  const preview = useQuery({
    queryKey: ['sla', 'preview', debounced],
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () =>
      unwrap(
        await api.POST('/api/v1/sla/preview', {
          body: {
            calendar: debounced!.definition,
            start: debounced!.startInstant,
            targetMinutes: debounced!.target,
          },
        }),
      ),
  });

  const due = preview.data?.dueAt;
  const upToDate = !preview.isPlaceholderData && !preview.isFetching;
  let result: ReactElement;
  if (!input) result = <Text size="sm">{t('preview.incomplete')}</Text>;
  else if (preview.isError)
    result = (
      <Text size="sm" c="red">
        {t('preview.invalid', {
          problems:
            preview.error instanceof ApiError
              ? (preview.error.problem.errors?.map((e) => e.message).join('; ') ?? preview.error.message)
              : t('error.load'),
        })}
      </Text>
    );
  else if (due === undefined) result = <Text size="sm">{t('preview.computing')}</Text>;
  else if (due === null) result = <Text size="sm">{t('preview.never')}</Text>;
  else
    result = (
      <Stack gap={2} opacity={upToDate ? 1 : 0.6}>
        <Text size="sm" data-testid="preview-due-calendar">
          {t('preview.dueInCalendarZone', {
            time: formatInZone(i18n.language, due, definition.timezone),
            zone: definition.timezone,
          })}
        </Text>
        <Text size="sm" data-testid="preview-due-agent">
          {t('preview.dueInYourZone', { time: formatInZone(i18n.language, due, agentZone), zone: agentZone })}
        </Text>
      </Stack>
    );

  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Text fw={600} size="sm" component="h3" m={0}>
          {t('preview.title')}
        </Text>
        <Text size="xs" c="gray.7">
          {t('preview.hint')}
        </Text>
        <Group gap="sm" align="flex-end">
          <TextInput
            type="datetime-local"
            size="xs"
            label={t('preview.start', { zone: definition.timezone })}
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
            error={start && !startInstant ? t('preview.startInvalid') : undefined}
          />
          <NumberInput
            size="xs"
            w={100}
            label={t('preview.hours')}
            min={0}
            max={8760}
            allowDecimal={false}
            value={hours}
            onChange={setHours}
          />
          <NumberInput
            size="xs"
            w={100}
            label={t('preview.minutes')}
            min={0}
            max={59}
            allowDecimal={false}
            value={minutes}
            onChange={setMinutes}
          />
        </Group>
        <div aria-live="polite">{result}</div>
      </Stack>
    </Paper>
  );
}
