// Search results across tickets, contacts and organizations (the header search box leads here).
import { Alert, Badge, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { useAgents, usePicklistLabel } from '../../app/reference-data.ts';

const searchRoute = getRouteApi('/app/search');

function Section({
  id,
  title,
  count,
  children,
}: {
  id: string;
  title: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={id}>
      <Group gap="xs" mb="xs">
        <Title order={3} size="h5" id={id}>
          {title}
        </Title>
        <Badge
          size="sm"
          variant="light"
          color="gray.8"
          styles={{ label: { color: 'var(--mantine-color-text)' } }}
        >
          {count}
        </Badge>
      </Group>
      {children}
    </Paper>
  );
}

export function SearchPage(): ReactElement {
  const { t } = useTranslation('ticketsList');
  const { q } = searchRoute.useSearch();
  const format = useFormat();
  const label = usePicklistLabel();
  const agents = new Map((useAgents().data ?? []).map((a) => [a.id, a.name]));
  const query = q?.trim() ?? '';
  const result = useQuery({
    queryKey: ['search', query],
    enabled: query.length > 0,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/search', { params: { query: { q: query, limit: 50 } } })),
    placeholderData: keepPreviousData,
  });

  const data = result.data;
  return (
    <Stack gap="sm" maw={1100}>
      <Title order={2} size="h4">
        {query ? t('search.titleFor', { q: query }) : t('search.title')}
      </Title>
      {!query && <Text c="gray.7">{t('search.hint')}</Text>}
      {result.isError && (
        <Alert color="red" role="alert">
          {result.error instanceof ApiError ? result.error.message : t('list.loadFailed')}
        </Alert>
      )}
      {query && result.isPending && <Loader size="sm" aria-label={t('list.loading')} />}
      {data && (
        <>
          {data.tickets.length + data.contacts.length + data.organizations.length === 0 && (
            <Text c="gray.7" role="status">
              {t('search.nothing', { q: query })}
            </Text>
          )}
          {data.tickets.length > 0 && (
            <Section id="search-tickets" title={t('search.tickets')} count={data.tickets.length}>
              <Table verticalSpacing={4} fz="sm" highlightOnHover aria-labelledby="search-tickets">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={100}>{t('field.number')}</Table.Th>
                    <Table.Th>{t('field.subject')}</Table.Th>
                    <Table.Th w={130}>{t('field.status')}</Table.Th>
                    <Table.Th w={150}>{t('field.ownerAgentId')}</Table.Th>
                    <Table.Th w={170}>{t('field.updatedAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.tickets.map((ticket) => (
                    <Table.Tr key={ticket.id}>
                      <Table.Td ff="monospace">{ticket.number}</Table.Td>
                      <Table.Td>
                        <RouterAnchor to="/tickets/$ticketId" params={{ ticketId: ticket.id }} size="sm">
                          {ticket.subject}
                        </RouterAnchor>
                      </Table.Td>
                      <Table.Td>{label('status', ticket.status)}</Table.Td>
                      <Table.Td>
                        {ticket.ownerAgentId ? (agents.get(ticket.ownerAgentId) ?? '') : t('row.unassigned')}
                      </Table.Td>
                      <Table.Td>{format.dateTime(ticket.updatedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Section>
          )}
          {data.contacts.length > 0 && (
            <Section id="search-contacts" title={t('search.contacts')} count={data.contacts.length}>
              <Table verticalSpacing={4} fz="sm" highlightOnHover aria-labelledby="search-contacts">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('search.name')}</Table.Th>
                    <Table.Th>{t('search.email')}</Table.Th>
                    <Table.Th>{t('search.phone')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.contacts.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <RouterAnchor to="/contacts/$contactId" params={{ contactId: c.id }} size="sm">
                          {c.name}
                        </RouterAnchor>
                        {c.vip && (
                          <Badge size="xs" ml={6} color="grape.8" variant="filled">
                            VIP
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{c.emails.join(', ')}</Table.Td>
                      <Table.Td>{c.phones.join(', ')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Section>
          )}
          {data.organizations.length > 0 && (
            <Section
              id="search-organizations"
              title={t('search.organizations')}
              count={data.organizations.length}
            >
              <Table verticalSpacing={4} fz="sm" highlightOnHover aria-labelledby="search-organizations">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('search.name')}</Table.Th>
                    <Table.Th>{t('field.organization.tier')}</Table.Th>
                    <Table.Th>{t('search.domains')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.organizations.map((o) => (
                    <Table.Tr key={o.id}>
                      <Table.Td>
                        <RouterAnchor
                          to="/organizations/$organizationId"
                          params={{ organizationId: o.id }}
                          size="sm"
                        >
                          {o.name}
                        </RouterAnchor>
                      </Table.Td>
                      <Table.Td>{t(`tier.${o.tier}`)}</Table.Td>
                      <Table.Td>{o.emailDomains.join(', ')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Section>
          )}
        </>
      )}
    </Stack>
  );
}
