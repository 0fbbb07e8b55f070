// The conversation and what happened, in time order (T2), paged with the server's cursor; and the
// field-level history (T3) as a table.
import { Button, Group, Loader, SegmentedControl, Stack, Switch, Table, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import { shownRuleName } from '../../app/rule-name.ts';
import { EventLine } from './event-line.tsx';
import { FieldValue, useFieldLabel } from './field-values.tsx';
import { MessageCard } from './message-card.tsx';
import { type TicketMessage, type TimelineOrder, useHistory, useTimeline } from './ticket-data.ts';

export function TimelineToolbar({
  order,
  onOrderChange,
  showEvents,
  onShowEventsChange,
}: {
  order: TimelineOrder;
  onOrderChange: (order: TimelineOrder) => void;
  showEvents: boolean;
  onShowEventsChange: (show: boolean) => void;
}): ReactElement {
  const { t } = useTranslation('ticket');
  return (
    <Group justify="space-between" gap="xs">
      <SegmentedControl
        size="xs"
        value={order}
        onChange={(v) => onOrderChange(v === 'asc' ? 'asc' : 'desc')}
        data={[
          { value: 'desc', label: t('timeline.newestFirst') },
          { value: 'asc', label: t('timeline.oldestFirst') },
        ]}
        aria-label={t('timeline.order')}
      />
      <Switch
        size="xs"
        label={t('timeline.showEvents')}
        checked={showEvents}
        onChange={(e) => onShowEventsChange(e.currentTarget.checked)}
      />
    </Group>
  );
}

export function TicketTimeline({
  ticketId,
  order,
  showEvents,
  onSplit,
}: {
  ticketId: string;
  order: TimelineOrder;
  showEvents: boolean;
  onSplit: (message: TicketMessage) => void;
}): ReactElement {
  const { t } = useTranslation('ticket');
  const timeline = useTimeline(ticketId, order);
  const loaded = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  const items = loaded.filter((i) => showEvents || i.type === 'message');
  // A rule's changes carry its name as written; a shipped rule's own event names its key, so its
  // changes read in the reader's language too.
  const shippedRules = new Map<string, string>();
  for (const item of loaded) {
    if (item.type !== 'event' || item.event.kind !== 'rule_applied') continue;
    const data = item.event.data as Record<string, unknown>;
    if (typeof data.shippedKey === 'string' && item.event.actorType === 'system')
      shippedRules.set(item.event.actorName, data.shippedKey);
  }
  const actorOf = (event: (typeof loaded)[number] & { type: 'event' }) =>
    event.event.actorType === 'system' && shippedRules.has(event.event.actorName)
      ? shownRuleName(t, event.event.actorName, shippedRules.get(event.event.actorName))
      : event.event.actorName;
  if (timeline.isError) {
    return (
      <Text role="alert" c="red.9" size="sm">
        {t('error')}
      </Text>
    );
  }
  return (
    <Stack gap={6} component="section" aria-label={t('timeline.title')} aria-busy={timeline.isFetching}>
      {timeline.isLoading && <Loader size="sm" aria-label={t('loading')} />}
      {!timeline.isLoading && items.length === 0 && (
        <Text size="sm" c="gray.7">
          {t('timeline.empty')}
        </Text>
      )}
      {items.map((item) =>
        item.type === 'message' ? (
          <MessageCard
            key={`m${item.message.id}`}
            message={item.message}
            ticketId={ticketId}
            onSplit={onSplit}
          />
        ) : (
          <EventLine key={`e${item.event.id}`} event={item.event} actorName={actorOf(item)} />
        ),
      )}
      {timeline.hasNextPage && (
        <Group justify="center">
          <Button
            variant="subtle"
            size="xs"
            onClick={() => void timeline.fetchNextPage()}
            loading={timeline.isFetchingNextPage}
          >
            {order === 'desc' ? t('timeline.older') : t('timeline.newer')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function TicketHistory({ ticketId }: { ticketId: string }): ReactElement {
  const { t } = useTranslation('ticket');
  const format = useFormat();
  const fieldLabel = useFieldLabel();
  const history = useHistory(ticketId);
  const events = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="xs">
      <Table fz="xs" verticalSpacing={4} striped aria-label={t('history.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('history.when')}</Table.Th>
            <Table.Th>{t('history.who')}</Table.Th>
            <Table.Th>{t('event.field')}</Table.Th>
            <Table.Th>{t('event.from')}</Table.Th>
            <Table.Th>{t('event.to')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.flatMap((e) =>
            e.changes.map((c, i) => (
              <Table.Tr key={`${e.id}-${c.field}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {i === 0 ? format.dateTime(e.createdAt) : ''}
                </Table.Td>
                <Table.Td>
                  {i === 0 && (
                    <>
                      {e.actorName}
                      <Text size="xs" c="gray.7">
                        {t(`channel.${e.channel}`, { defaultValue: e.channel })}
                      </Text>
                    </>
                  )}
                </Table.Td>
                <Table.Td>{fieldLabel(c.field)}</Table.Td>
                <Table.Td>
                  <FieldValue field={c.field} value={c.from} />
                </Table.Td>
                <Table.Td>
                  <FieldValue field={c.field} value={c.to} />
                </Table.Td>
              </Table.Tr>
            )),
          )}
        </Table.Tbody>
      </Table>
      {history.isLoading && <Loader size="sm" aria-label={t('loading')} />}
      {history.hasNextPage && (
        <Group justify="center">
          <Button
            variant="subtle"
            size="xs"
            onClick={() => void history.fetchNextPage()}
            loading={history.isFetchingNextPage}
          >
            {t('timeline.older')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
