// The tickets of one contact, organization or product, newest first, linked to the ticket page.
import { Button, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type TicketPage, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { usePicklistLabel } from '../../app/reference-data.ts';
import { StatusBadge } from '../../app/status-badge.tsx';

export type TicketOwnerKind = 'contacts' | 'organizations' | 'products';

/** One page of a record's tickets (sorted by the server: newest first). */
export async function fetchTicketsOf(
  kind: TicketOwnerKind,
  id: string,
  limit: number,
  cursor?: string,
): Promise<TicketPage> {
  const params = { path: { id }, query: { limit, ...(cursor ? { cursor } : {}) } };
  switch (kind) {
    case 'contacts':
      return unwrap(await api.GET('/api/v1/contacts/{id}/tickets', { params }));
    case 'organizations':
      return unwrap(await api.GET('/api/v1/organizations/{id}/tickets', { params }));
    case 'products':
      return unwrap(await api.GET('/api/v1/products/{id}/tickets', { params }));
  }
}

export function RelatedTickets({
  kind,
  id,
  labelledBy,
}: {
  kind: TicketOwnerKind;
  id: string;
  /** The id of the heading that names this table. */
  labelledBy: string;
}): ReactElement {
  const { t } = useTranslation('customers');
  const format = useFormat();
  const label = usePicklistLabel();
  const list = useInfiniteQuery({
    queryKey: ['tickets', 'of', kind, id],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchTicketsOf(kind, id, 25, pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isError) return <Text role="alert">{t('common.unexpectedError')}</Text>;
  if (!list.isLoading && rows.length === 0) {
    return (
      <Text size="sm" c="gray.7">
        {t('tickets.none')}
      </Text>
    );
  }
  return (
    <>
      <Table striped highlightOnHover verticalSpacing={4} fz="sm" aria-labelledby={labelledBy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('tickets.number')}</Table.Th>
            <Table.Th>{t('tickets.subject')}</Table.Th>
            <Table.Th>{t('tickets.status')}</Table.Th>
            <Table.Th>{t('tickets.priority')}</Table.Th>
            <Table.Th>{t('tickets.createdAt')}</Table.Th>
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
                <StatusBadge status={ticket.status} category={ticket.statusCategory} />
              </Table.Td>
              <Table.Td>{label('priority', ticket.priority)}</Table.Td>
              <Table.Td>{format.dateTime(ticket.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.hasNextPage && (
        <Button
          variant="subtle"
          mt="xs"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          {t('list.more')}
        </Button>
      )}
    </>
  );
}
