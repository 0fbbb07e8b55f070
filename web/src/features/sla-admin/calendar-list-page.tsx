// S1: the business-hours calendars, the built-in 24×7 first and read-only, with what uses them.
import { Alert, Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { weekSummary } from './calendar-summary.ts';
import { Loading, RouterButton, SlaAdminFrame, SlaTabs } from './sla-admin-frame.tsx';
import { useCalendars } from './sla-data.ts';
import { zoneName } from './zoned-time.ts';

export function CalendarListPage(): ReactElement {
  return (
    <SlaAdminFrame>
      <Calendars />
    </SlaAdminFrame>
  );
}

function Calendars(): ReactElement {
  const { t, i18n } = useTranslation('slaAdmin');
  const calendars = useCalendars();
  return (
    <Stack gap="sm" maw={1200}>
      <SlaTabs
        current="calendars"
        actions={
          <RouterButton to="/admin/sla/calendars/$calendarId" params={{ calendarId: 'new' }}>
            {t('calendars.new')}
          </RouterButton>
        }
      />
      <Text size="sm" c="gray.7">
        {t('calendars.intro')}
      </Text>
      {calendars.isError && (
        <Alert color="red" role="alert">
          {calendars.error instanceof ApiError ? calendars.error.message : t('error.load')}
        </Alert>
      )}
      {calendars.isPending && <Loading />}
      {calendars.data && (
        <Paper withBorder>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('calendar.name')}</Table.Th>
                <Table.Th>{t('calendar.timezone')}</Table.Th>
                <Table.Th>{t('calendar.hours')}</Table.Th>
                <Table.Th>{t('calendar.holidays')}</Table.Th>
                <Table.Th>{t('calendar.usedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {calendars.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <RouterAnchor
                        to="/admin/sla/calendars/$calendarId"
                        params={{ calendarId: c.id }}
                        size="sm"
                        fw={600}
                      >
                        {c.name}
                      </RouterAnchor>
                      {c.builtIn && (
                        <Badge size="sm" variant="light" color="gray" tt="none">
                          {t('calendar.builtIn')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.definition.timezone}</Text>
                    <Text size="xs" c="gray.7">
                      {zoneName(i18n.language, c.definition.timezone)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{weekSummary(c.definition.week, i18n.language, t)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t('calendar.holidayCount', { count: c.definition.holidays.length })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t('calendar.usedByCount', { count: c.usedBy })}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
