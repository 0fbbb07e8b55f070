// The ticket page (V4): header with the key fields, the conversation and history, the composer,
// every other field in place, and the customer beside it. Keys: r reply, n note, a assign to me.
import { Alert, Box, Grid, Loader, Stack, Tabs } from '@mantine/core';
import { useDocumentTitle, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactElement, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { useSession } from '../../app/session.tsx';
import { currentViewAs } from '../../app/view-as.ts';
import { SlaPanel } from '../sla/sla-panel.tsx';
import { AccessExplanation } from '../view-as/index.ts';
import { Composer, type ComposerHandle } from './composer.tsx';
import { CustomerPanel } from './customer-panel.tsx';
import { DescriptionBlock } from './description-block.tsx';
import { LiveChangeNotice } from './live-notice.tsx';
import { TeamPanel } from './team-panel.tsx';
import { DeleteDialog, MergeDialog, SplitDialog, type TicketDialog, VoidDialog } from './ticket-actions.tsx';
import {
  TIMELINE_ORDER_KEY,
  TIMELINE_ORDERS,
  type TicketMessage,
  type TimelineOrder,
  useTicket,
} from './ticket-data.ts';
import { TicketEditProvider, useTicketEdit } from './ticket-edit.tsx';
import { TicketFieldsPanel } from './ticket-fields-panel.tsx';
import { TicketHeader } from './ticket-header.tsx';
import classes from './ticket-page.module.css';
import { TicketHistory, TicketTimeline, TimelineToolbar } from './ticket-timeline.tsx';

const ticketRouteApi = getRouteApi('/app/tickets/$ticketId');

function usePreference<T extends string>(
  key: string,
  fallback: T,
  allowed: readonly T[],
): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => {
    const stored = localStorage.getItem(key);
    return allowed.includes(stored as T) ? (stored as T) : fallback;
  });
  return [
    value,
    (v: T) => {
      setValue(v);
      localStorage.setItem(key, v);
    },
  ];
}

function TicketWorkspace(): ReactElement {
  const { t } = useTranslation('ticket');
  const { ticket, save } = useTicketEdit();
  const { agent } = useSession();
  const composer = useRef<ComposerHandle>(null);
  const [order, setOrder] = usePreference<TimelineOrder>(TIMELINE_ORDER_KEY, 'desc', TIMELINE_ORDERS);
  const [events, setEvents] = usePreference('caseway.ticket.showEvents', 'shown', [
    'shown',
    'hidden',
  ] as const);
  const [dialog, setDialog] = useState<TicketDialog>(null);
  const [splitting, setSplitting] = useState<TicketMessage | null>(null);
  const [assigning, setAssigning] = useState(false);
  useDocumentTitle(`${ticket.number} · ${ticket.subject}`);

  const assignToMe = async () => {
    if (!agent || ticket.ownerAgentId === agent.id || assigning) return;
    setAssigning(true);
    const result = await save({
      patch: { ownerAgentId: agent.id },
      baseVersion: ticket.version,
      via: 'assign',
    });
    setAssigning(false);
    if (result.ok) notifications.show({ message: t('actions.assignedToMe', { number: ticket.number }) });
    else
      notifications.show({
        color: 'red',
        message: result.conflict ? t('actions.assignConflict') : result.message,
      });
  };
  const quiet = dialog !== null || splitting !== null;
  useHotkeys(
    quiet
      ? []
      : [
          ['r', () => composer.current?.focus('reply')],
          ['n', () => composer.current?.focus('note')],
          ['a', () => void assignToMe()],
        ],
  );

  // A preview (view as) is read-only: no composer.
  const previewing = Boolean(currentViewAs());
  const composerBlock = previewing ? null : <Composer ticket={ticket} ref={composer} key={ticket.id} />;
  return (
    <Stack gap="sm">
      <TicketHeader onDialog={setDialog} onAssignToMe={() => void assignToMe()} assigning={assigning} />
      <LiveChangeNotice ticketId={ticket.id} me={agent?.id} />
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, md: 3 }} className={classes.sideBar}>
          <TicketFieldsPanel />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="sm">
            <DescriptionBlock />
            {order === 'desc' && composerBlock}
            <Tabs defaultValue="conversation" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="conversation">{t('timeline.title')}</Tabs.Tab>
                <Tabs.Tab value="history">{t('history.title')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="conversation" pt="xs">
                <Stack gap="xs">
                  <TimelineToolbar
                    order={order}
                    onOrderChange={setOrder}
                    showEvents={events === 'shown'}
                    onShowEventsChange={(show) => setEvents(show ? 'shown' : 'hidden')}
                  />
                  {/* Its own boundary: a line that loads more (a lazy namespace) suspends the
                      timeline only, not the page and its composer with a draft in it. */}
                  <Suspense fallback={<Loader size="sm" />}>
                    <TicketTimeline
                      ticketId={ticket.id}
                      order={order}
                      showEvents={events === 'shown'}
                      onSplit={setSplitting}
                    />
                  </Suspense>
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="history" pt="xs">
                <Suspense fallback={<Loader size="sm" />}>
                  <TicketHistory ticketId={ticket.id} />
                </Suspense>
              </Tabs.Panel>
            </Tabs>
            {order === 'asc' && composerBlock}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }} className={classes.sideBar}>
          <SlaPanel ticketId={ticket.id} />
          <CustomerPanel ticket={ticket} />
          <AccessExplanation ticketId={ticket.id} />
          <TeamPanel ticket={ticket} readOnly={previewing} />
        </Grid.Col>
      </Grid>
      <MergeDialog ticket={ticket} opened={dialog === 'merge'} onClose={() => setDialog(null)} />
      <VoidDialog
        ticket={ticket}
        opened={dialog === 'void'}
        onClose={() => setDialog(null)}
        isAdmin={Boolean(agent?.admin)}
      />
      <DeleteDialog ticket={ticket} opened={dialog === 'delete'} onClose={() => setDialog(null)} />
      <SplitDialog ticket={ticket} message={splitting} onClose={() => setSplitting(null)} />
    </Stack>
  );
}

export function TicketPage(): ReactElement {
  const { t } = useTranslation('ticket');
  const { ticketId } = ticketRouteApi.useParams();
  const ticket = useTicket(ticketId);
  const gone = ticket.error instanceof ApiError && ticket.error.status === 404;
  if (gone || (ticket.isError && !ticket.data)) {
    return (
      <Stack gap="sm">
        <Alert color="gray" variant="light" role="alert" title={t('notFoundTitle')}>
          {gone ? t('notFound') : t('error')}
        </Alert>
        {gone && <AccessExplanation ticketId={ticketId} />}
      </Stack>
    );
  }
  if (!ticket.data) {
    return (
      <Box p="md">
        <Loader size="sm" aria-label={t('loading')} />
      </Box>
    );
  }
  return (
    <TicketEditProvider ticket={ticket.data} key={ticketId}>
      <TicketWorkspace />
    </TicketEditProvider>
  );
}
