// Search results across tickets, contacts and organizations (the header search box leads here).
import { Alert, Badge, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { useAgents } from '../../app/reference-data.ts';
import { StatusBadge } from '../../app/status-badge.tsx';
import { MatchedText } from '../search/matched-text.tsx';
import { useSearchResults, wordsOf } from '../search/search-data.ts';

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
  const { t } = useTranslation('search');
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
      {count > 0 ? (
        children
      ) : (
        <Text size="sm" c="gray.7">
          {t('noneOfKind')}
        </Text>
      )}
    </Paper>
  );
}

export function SearchPage(): ReactElement {
  const { t } = useTranslation('ticketsList');
  const { q } = searchRoute.useSearch();
  const format = useFormat();
  const { t: ts } = useTranslation('search');
  const agents = new Map((useAgents().data ?? []).map((a) => [a.id, a.name]));
  const query = q?.trim() ?? '';
  const result = useSearchResults(query, 50);
  const words = wordsOf(query);

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
          {
            <Section id="search-tickets" title={ts('tickets')} count={data.tickets.length}>
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
                          <MatchedText text={ticket.subject} words={words} />
                        </RouterAnchor>
                        {data.snippets[ticket.id] && (
                          <div>
                            <MatchedText
                              text={data.snippets[ticket.id]!}
                              words={words}
                              size="xs"
                              c="gray.7"
                            />
                          </div>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={ticket.status} category={ticket.statusCategory} />
                      </Table.Td>
                      <Table.Td>
                        {ticket.ownerAgentId ? (agents.get(ticket.ownerAgentId) ?? '') : t('row.unassigned')}
                      </Table.Td>
                      <Table.Td>{format.dateTime(ticket.updatedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Section>
          }
          {
            <Section id="search-contacts" title={ts('contacts')} count={data.contacts.length}>
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
                          <MatchedText text={c.name} words={words} />
                        </RouterAnchor>
                        {c.vip && (
                          <Badge size="xs" ml={6} color="grape.8" variant="filled">
                            VIP
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <MatchedText text={c.emails.join(', ')} words={words} />
                      </Table.Td>
                      <Table.Td>
                        <MatchedText text={c.phones.join(', ')} words={words} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Section>
          }
          {
            <Section id="search-organizations" title={ts('organizations')} count={data.organizations.length}>
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
                          <MatchedText text={o.name} words={words} />
                        </RouterAnchor>
                      </Table.Td>
                      <Table.Td>{t(`tier.${o.tier}`)}</Table.Td>
                      <Table.Td>
                        <MatchedText text={o.emailDomains.join(', ')} words={words} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Section>
          }
        </>
      )}
    </Stack>
  );
}
