// The ticket page (V4): header with the key fields, the timeline, and the composer.
import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { usePicklistLabel } from '../../app/reference-data.ts';

const ticketRouteApi = getRouteApi('/app/tickets/$ticketId');

export function TicketPage(): ReactElement {
  const { t } = useTranslation();
  const { ticketId } = ticketRouteApi.useParams();
  const queryClient = useQueryClient();
  const format = useFormat();
  const label = usePicklistLabel();
  const ticket = useQuery({
    queryKey: ['ticket', ticketId],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/tickets/{id}', { params: { path: { id: ticketId } } })),
  });
  const timeline = useQuery({
    queryKey: ['ticket', ticketId, 'timeline'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/tickets/{id}/timeline', {
          params: { path: { id: ticketId }, query: { limit: 200 } },
        }),
      ),
  });
  const [kind, setKind] = useState<'reply' | 'note'>('reply');
  const [body, setBody] = useState('');
  const send = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/tickets/{id}/messages', {
          params: { path: { id: ticketId } },
          body: { kind, body },
        }),
      ),
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: ['ticket', ticketId] });
    },
    onError: (err) =>
      notifications.show({
        color: 'red',
        message: err instanceof ApiError ? err.message : t('common.unexpectedError'),
      }),
  });

  if (ticket.isError) {
    return (
      <Text role="alert">
        {ticket.error instanceof ApiError && ticket.error.status === 404
          ? t('ticket.notFound')
          : t('common.unexpectedError')}
      </Text>
    );
  }
  const data = ticket.data;
  if (!data) return <Text c="dimmed">{t('common.loading')}</Text>;

  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Text ff="monospace" c="dimmed">
          {data.number}
        </Text>
        <Title order={2} size="h4">
          {data.subject}
        </Title>
        <Badge variant="light">{label('status', data.status)}</Badge>
        <Badge variant="outline">{label('priority', data.priority)}</Badge>
      </Group>
      <Paper withBorder p="sm">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {data.description}
        </Text>
      </Paper>
      <Stack gap="xs" aria-label={t('ticket.timeline')}>
        {timeline.data?.items.map((item) =>
          item.type === 'message' ? (
            <Paper
              key={`m${item.message.id}`}
              withBorder
              p="sm"
              bg={item.message.kind === 'note' ? 'yellow.0' : undefined}
            >
              <Group gap="xs" mb={4}>
                <Text size="sm" fw={600}>
                  {item.message.authorName}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`message.kind.${item.message.kind}`)} · {format.dateTime(item.at)}
                </Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {item.message.body}
              </Text>
            </Paper>
          ) : (
            <Text key={`e${item.event.id}`} size="xs" c="dimmed">
              {t(`event.${item.event.kind}`, { defaultValue: item.event.kind })} · {item.event.actorName} ·{' '}
              {format.dateTime(item.at)}
            </Text>
          ),
        )}
      </Stack>
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <SegmentedControl
            size="xs"
            value={kind}
            onChange={(v) => setKind(v as 'reply' | 'note')}
            data={[
              { value: 'reply', label: t('composer.reply') },
              { value: 'note', label: t('composer.note') },
            ]}
            aria-label={t('composer.kind')}
          />
          <Textarea
            label={kind === 'reply' ? t('composer.replyLabel') : t('composer.noteLabel')}
            autosize
            minRows={3}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button onClick={() => send.mutate()} loading={send.isPending} disabled={!body.trim()}>
              {kind === 'reply' ? t('composer.sendReply') : t('composer.addNote')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
