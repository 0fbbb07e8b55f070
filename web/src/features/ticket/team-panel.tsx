// The ticket's related team (相关团队成员): colleagues added to it who see it (read) or may also
// act on it (read and write). Whoever may act on the ticket adds and removes them; each change
// is an event in the timeline.
import { ActionIcon, Alert, Badge, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Ticket, unwrap } from '../../app/api-client.ts';
import { useAgents } from '../../app/reference-data.ts';

type Access = 'read' | 'read_write';

function useTeam(ticketId: string) {
  return useQuery({
    queryKey: ['ticket', ticketId, 'team'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/tickets/{id}/team', { params: { path: { id: ticketId } } })).items,
  });
}

export function TeamPanel({ ticket, readOnly }: { ticket: Ticket; readOnly: boolean }): ReactElement {
  const { t } = useTranslation('ticket');
  const queryClient = useQueryClient();
  const team = useTeam(ticket.id);
  const agents = useAgents().data ?? [];
  const [agentId, setAgentId] = useState<string | null>(null);
  const [access, setAccess] = useState<Access>('read');
  const [error, setError] = useState<string | null>(null);
  const members = team.data ?? [];

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['ticket', ticket.id] });
  };
  const failed = (err: unknown) => setError(err instanceof ApiError ? err.message : t('team.failed'));
  const add = useMutation({
    mutationFn: async (body: { agentId: string; access: Access }) =>
      unwrap(await api.POST('/api/v1/tickets/{id}/team', { params: { path: { id: ticket.id } }, body })),
    onSuccess: () => {
      setAgentId(null);
      setError(null);
      refresh();
    },
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: async (memberId: string) =>
      unwrap(
        await api.DELETE('/api/v1/tickets/{id}/team/{agentId}', {
          params: { path: { id: ticket.id, agentId: memberId } },
        }),
      ),
    onSuccess: () => {
      setError(null);
      refresh();
    },
    onError: failed,
  });

  const candidates = agents
    .filter((a) => a.active && !members.some((m) => m.agentId === a.id))
    .map((a) => ({ value: a.id, label: a.name }));
  const accessLabel = (a: Access) => (a === 'read' ? t('team.read') : t('team.readWrite'));

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="ticket-team-title">
      <Title order={3} size="h6" id="ticket-team-title" mb="xs">
        {t('team.title')}
      </Title>
      <Stack gap={6}>
        {team.isSuccess && members.length === 0 && (
          <Text size="xs" c="gray.7">
            {t('team.none')}
          </Text>
        )}
        {members.map((m) => (
          <Group key={m.agentId} gap={6} wrap="nowrap" justify="space-between" data-team-member={m.agentId}>
            <Text size="sm" truncate>
              {m.name}
            </Text>
            <Group gap={4} wrap="nowrap">
              <Badge size="sm" variant="light" color={m.access === 'read' ? 'gray' : 'blue'} radius="sm">
                {accessLabel(m.access)}
              </Badge>
              {!readOnly && (
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  aria-label={t('team.remove', { name: m.name })}
                  loading={remove.isPending && remove.variables === m.agentId}
                  onClick={() => remove.mutate(m.agentId)}
                >
                  ×
                </ActionIcon>
              )}
            </Group>
          </Group>
        ))}
        {error && (
          <Alert color="red" role="alert" p="xs">
            {error}
          </Alert>
        )}
        {!readOnly && (
          <Stack gap={4} mt={4}>
            <Select
              size="xs"
              label={t('team.colleague')}
              placeholder={t('team.pick')}
              data={candidates}
              value={agentId}
              onChange={setAgentId}
              searchable
              nothingFoundMessage={t('team.noMatch')}
            />
            <Group gap={4} wrap="nowrap" align="flex-end">
              <Select
                size="xs"
                label={t('team.access')}
                data={[
                  { value: 'read', label: t('team.read') },
                  { value: 'read_write', label: t('team.readWrite') },
                ]}
                value={access}
                onChange={(v) => setAccess((v as Access | null) ?? 'read')}
                allowDeselect={false}
                style={{ flex: 1 }}
              />
              <Button
                size="xs"
                disabled={!agentId}
                loading={add.isPending}
                onClick={() => agentId && add.mutate({ agentId, access })}
              >
                {t('team.add')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
