// The ticket page's SLA panel (S5): the policy, each clock with its badge counting down, its due
// time in the agent's time zone and its target, and the history of pauses.
import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import { SlaBadge, useDuration } from './sla-badge.tsx';
import { policyLabel, useNow, useTicketSla } from './sla-data.ts';

export function SlaPanel({ ticketId }: { ticketId: string }): ReactElement | null {
  const { t } = useTranslation('sla');
  const format = useFormat();
  const duration = useDuration();
  const sla = useTicketSla(ticketId).data;
  const now = useNow(15_000);
  if (!sla) return null;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="sla-panel-title" data-testid="sla-panel">
      <Title order={3} size="h6" id="sla-panel-title" mb={4}>
        {t('panel.title')}
      </Title>
      {sla.policy === null || sla.clocks.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('panel.none')}
        </Text>
      ) : (
        <Stack gap={8}>
          <Text size="xs" c="gray.7">
            {t('panel.policy', { name: policyLabel(sla.policy, t('defaultPolicy')) })}
          </Text>
          {sla.clocks.map((clock) => (
            <Stack key={clock.metric} gap={2} data-sla-clock={clock.metric}>
              {/* A long badge ("осталось 1 ч 35 мин") goes under the name rather than being cut. */}
              <Group justify="space-between" gap={4} wrap="wrap">
                <Text size="sm" fw={600}>
                  {t(`metric.${clock.metric}`)}
                </Text>
                <SlaBadge clock={clock} now={now} />
              </Group>
              <Text size="xs" c="gray.7">
                {clock.metAt
                  ? t('panel.metAt', { time: format.dateTime(clock.metAt) })
                  : clock.dueAt
                    ? t('dueAt', { time: format.dateTime(clock.dueAt) })
                    : t('noDue')}
                {' · '}
                {t('panel.target', { duration: duration(clock.targetMinutes * 60) })}
              </Text>
            </Stack>
          ))}
          {sla.pauses.length > 0 && (
            <Stack gap={2}>
              <Text size="xs" fw={600}>
                {t('pauses.title')}
              </Text>
              {sla.pauses.map((p) => (
                <Text key={p.from} size="xs" c="gray.7">
                  {t(`pauses.${p.reason}`)}: {format.dateTime(p.from)} –{' '}
                  {p.to ? format.dateTime(p.to) : t('pauses.ongoing')}
                </Text>
              ))}
            </Stack>
          )}
        </Stack>
      )}
    </Paper>
  );
}
