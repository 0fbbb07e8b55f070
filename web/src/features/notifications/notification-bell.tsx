// The agent's notifications (N1) in the header: a bell with the number unread, opening the latest
// ones (SLA warnings, breaches, escalations, …) that lead to their tickets. Read when opened from
// the list, or all at once.
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';
import { useFormat } from '../../app/format.ts';
import { shownRuleName } from '../../app/rule-name.ts';

type Notification =
  paths['/api/v1/me/notifications']['get']['responses']['200']['content']['application/json']['items'][number];

const KEY = ['notifications'] as const;

function useNotifications() {
  return useQuery({
    queryKey: KEY,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/me/notifications', { params: { query: { limit: 30 } } })),
    // Notifications are few; asking every half minute keeps the bell current without a stream.
    refetchInterval: 30_000,
    staleTime: 10_000,
  });
}

function NotificationText({ n }: { n: Notification }): ReactElement {
  const { t } = useTranslation(['notifications', 'sla']);
  const d = n.data as Record<string, unknown>;
  const metric = typeof d.metric === 'string' ? t(`sla:metric.${d.metric}`) : '';
  const ticket = typeof d.number === 'string' ? d.number : '';
  return (
    <>
      {t(`kind.${n.kind}`, {
        metric,
        ticket,
        level: d.level,
        name: d.name,
        rule: shownRuleName(t, d.ruleName, d.shippedKey),
        defaultValue: t('kind.other', { ticket }),
      })}
      {typeof d.subject === 'string' && (
        <Text span size="xs" c="gray.7" display="block" lineClamp={1}>
          {d.subject}
        </Text>
      )}
    </>
  );
}

export function NotificationBell(): ReactElement {
  const { t } = useTranslation('notifications');
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const data = useNotifications().data;
  const unread = data?.unread ?? 0;
  const markRead = useMutation({
    mutationFn: async (body: { ids: string[] } | { all: true }) =>
      unwrap(await api.POST('/api/v1/me/notifications/read', { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate({ ids: [n.id] });
    setOpened(false);
    if (n.ticketId) void navigate({ to: '/tickets/$ticketId', params: { ticketId: n.ticketId } });
    // A webhook switched off leads to its page (its delivery log says why).
    else if (n.kind === 'webhook_disabled' && typeof n.data.webhookId === 'string')
      void navigate({ to: '/admin/automation/webhooks/$webhookId', params: { webhookId: n.data.webhookId } });
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} withinPortal shadow="md">
      <Popover.Target>
        <Indicator
          disabled={unread === 0}
          label={unread > 99 ? '99+' : unread}
          size={16}
          color="red.9"
          offset={4}
        >
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t('bell', { count: unread })}
            onClick={() => setOpened((o) => !o)}
            data-testid="notification-bell"
          >
            <svg
              width="20"
              height="20"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              aria-hidden
            >
              <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
              <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
            </svg>
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" mb={4}>
          <Text fw={700} size="sm">
            {t('title')}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={unread === 0}
            onClick={() => markRead.mutate({ all: true })}
          >
            {t('markAllRead')}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={420}>
          {data?.items.length ? (
            <Stack gap={2} role="list" aria-label={t('title')}>
              {data.items.map((n) => (
                <UnstyledButton
                  key={n.id}
                  role="listitem"
                  onClick={() => open(n)}
                  p={6}
                  style={{
                    borderRadius: 4,
                    background: n.readAt ? undefined : 'var(--mantine-color-blue-0)',
                  }}
                  data-notification-kind={n.kind}
                  data-unread={n.readAt ? undefined : 'true'}
                >
                  <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                    <Text size="sm" style={{ minWidth: 0 }}>
                      <NotificationText n={n} />
                    </Text>
                    {!n.readAt && (
                      <Badge size="xs" color="blue.9" variant="filled">
                        {t('new')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="gray.7" title={format.dateTime(n.createdAt)}>
                    {format.ago(n.createdAt)}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          ) : (
            <Text size="sm" c="gray.7" py="sm">
              {t('empty')}
            </Text>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
