// A1: the agents — role, groups, departments, active and administrator at a glance; invite one (the
// invitation link is shown to copy), change one, deactivate or reactivate.
import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import { useSession } from '../../app/session.tsx';
import { setViewAs } from '../../app/view-as.ts';
import { AgentModal } from './agent-modal.tsx';
import { PageAlerts, useTeamAction } from './page-state.tsx';
import { shippedName } from './shipped-names.ts';
import { Loading, TeamAdminFrame, TeamTabs } from './team-admin-frame.tsx';
import { type TeamAgent, useDepartments, useRoles, useTeamAgents, useTeamGroups } from './team-data.ts';
import { namesOf, useCollate } from './team-options.tsx';

export function AgentsPage(): ReactElement {
  return (
    <TeamAdminFrame>
      <Agents />
    </TeamAdminFrame>
  );
}

function Agents(): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const agents = useTeamAgents();
  const roles = useRoles().data ?? [];
  const groups = useTeamGroups().data ?? [];
  const departments = useDepartments().data ?? [];
  const collate = useCollate();
  const { agent: me } = useSession();
  const [editing, setEditing] = useState<TeamAgent | 'new' | null>(null);
  const action = useTeamAction();
  const [deactivating, setDeactivating] = useState<TeamAgent | null>(null);

  const setActive = async (a: TeamAgent, active: boolean) => {
    await action.run(
      async () =>
        unwrap(await api.PATCH('/api/v1/agents/{id}', { params: { path: { id: a.id } }, body: { active } })),
      () => t(active ? 'agents.reactivated' : 'agents.deactivated', { name: a.name }),
    );
  };

  const sorted = [...(agents.data ?? [])].sort(
    (a, b) => Number(b.active) - Number(a.active) || collate(a.name, b.name),
  );
  const roleName = (id: string | undefined) => {
    const role = roles.find((r) => r.id === id);
    return role ? shippedName(role, t) : '';
  };

  return (
    <Stack gap="sm" maw={1400}>
      <TeamTabs
        current="agents"
        actions={<Button onClick={() => setEditing('new')}>{t('agents.invite')}</Button>}
      />
      <PageAlerts loadError={agents.error} action={action} />
      {agents.isPending && <Loading />}
      {agents.data && (
        <Paper withBorder>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('agent.name')}</Table.Th>
                <Table.Th>{t('agent.email')}</Table.Th>
                <Table.Th>{t('agent.role')}</Table.Th>
                <Table.Th>{t('agent.groups')}</Table.Th>
                <Table.Th>{t('agent.departments')}</Table.Th>
                <Table.Th>{t('agent.status')}</Table.Th>
                <Table.Th>{t('agent.admin')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('action.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((a) => (
                <Table.Tr key={a.id} data-agent={a.email}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm" fw={600}>
                        {a.name}
                      </Text>
                      {a.invitationPending && (
                        <Badge size="sm" variant="light" color="blue" tt="none">
                          {t('agent.invited')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.email}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{roleName(a.roleId)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{namesOf(a.groupIds, groups).join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{namesOf(a.departmentIds, departments).join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={a.active ? 'green' : 'gray'} tt="none">
                      {t(a.active ? 'agent.active' : 'agent.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.admin ? t('agent.isAdmin') : ''}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={t('agents.editNamed', { name: a.name })}
                        onClick={() => setEditing(a)}
                      >
                        {t('action.edit')}
                      </Button>
                      {a.id !== me?.id && a.active && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={t('agents.viewAsNamed', { name: a.name })}
                          onClick={() => setViewAs({ agentId: a.id, agentName: a.name })}
                        >
                          {t('agents.viewAs')}
                        </Button>
                      )}
                      {a.id !== me?.id && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color={a.active ? 'red' : 'green'}
                          aria-label={t(a.active ? 'agents.deactivateNamed' : 'agents.reactivateNamed', {
                            name: a.name,
                          })}
                          onClick={() => (a.active ? setDeactivating(a) : void setActive(a, true))}
                        >
                          {t(a.active ? 'agents.deactivate' : 'agents.reactivate')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Modal
        opened={deactivating !== null}
        onClose={() => setDeactivating(null)}
        title={t('agents.deactivateNamed', { name: deactivating?.name ?? '' })}
      >
        <Text size="sm">{t('agents.deactivateExplain')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setDeactivating(null)}>
            {t('action.cancel')}
          </Button>
          <Button
            color="red.8"
            onClick={() => {
              if (deactivating) void setActive(deactivating, false);
              setDeactivating(null);
            }}
          >
            {t('agents.deactivate')}
          </Button>
        </Group>
      </Modal>
      {editing && <AgentModal agent={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
