// The ticket list of a view: dense table, sortable, paged with the server's keyset cursor.

import { Badge, Button, Group, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { usePicklistLabel } from '../../app/reference-data.ts';
import { useSession } from '../../app/session.tsx';
import { findView } from './built-in-views.ts';

const listRoute = getRouteApi('/app/');

export function TicketListPage(): ReactElement {
  const { t } = useTranslation();
  const { agent } = useSession();
  const { view: viewId } = listRoute.useSearch();
  const view = findView(viewId);
  const format = useFormat();
  const label = usePicklistLabel();
  const filter = JSON.stringify(view.filter(agent?.id ?? ''));
  const list = useInfiniteQuery({
    queryKey: ['tickets', 'list', filter, view.sort],
    enabled: Boolean(agent),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/tickets', {
          params: {
            query: { filter, sort: view.sort, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section aria-labelledby="list-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="list-title">
          {t(view.labelKey)}
        </Title>
      </Group>
      <Table striped highlightOnHover verticalSpacing={4} fz="sm" aria-labelledby="list-title">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('ticket.number')}</Table.Th>
            <Table.Th>{t('ticket.subject')}</Table.Th>
            <Table.Th>{t('ticket.status')}</Table.Th>
            <Table.Th>{t('ticket.priority')}</Table.Th>
            <Table.Th>{t('ticket.updatedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((ticket) => (
            <Table.Tr key={ticket.id}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {ticket.number}
                </Text>
              </Table.Td>
              <Table.Td>
                <RouterAnchor to="/tickets/$ticketId" params={{ ticketId: ticket.id }} size="sm">
                  {ticket.subject}
                </RouterAnchor>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" size="sm">
                  {label('status', ticket.status)}
                </Badge>
              </Table.Td>
              <Table.Td>{label('priority', ticket.priority)}</Table.Td>
              <Table.Td>{format.dateTime(ticket.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && !list.isLoading && (
        <Text c="dimmed" size="sm" p="md">
          {t('list.empty')}
        </Text>
      )}
      {list.hasNextPage && (
        <Button
          variant="subtle"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
          mt="xs"
        >
          {t('list.more')}
        </Button>
      )}
    </section>
  );
}
