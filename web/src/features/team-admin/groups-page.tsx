// A4: groups — teams by function, tier, product, segment, channel or region that can own tickets:
// name, description, department and members; delete one.
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import { PageAlerts, useTeamAction } from './page-state.tsx';
import { type SaveProblem, SaveProblemAlert, takeServerErrors } from './save-problem.tsx';
import { Loading, TeamAdminFrame, TeamTabs } from './team-admin-frame.tsx';
import { type TeamGroup, useDepartments, useTeamAgents, useTeamGroups, useTeamRefresh } from './team-data.ts';
import { namesOf, useAgentOptions, useCollate, useDepartmentOptions } from './team-options.tsx';

export function GroupsPage(): ReactElement {
  return (
    <TeamAdminFrame>
      <Groups />
    </TeamAdminFrame>
  );
}

function Groups(): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const groups = useTeamGroups();
  const agents = useTeamAgents().data ?? [];
  const departments = useDepartments().data ?? [];
  const collate = useCollate();
  const [editing, setEditing] = useState<TeamGroup | 'new' | null>(null);
  const [deleting, setDeleting] = useState<TeamGroup | null>(null);
  const action = useTeamAction();

  const remove = async (g: TeamGroup) => {
    setDeleting(null);
    await action.run(
      async () => unwrap(await api.DELETE('/api/v1/groups/{id}', { params: { path: { id: g.id } } })),
      () => t('group.deleted', { name: g.name }),
    );
  };

  return (
    <Stack gap="sm" maw={1200}>
      <TeamTabs
        current="groups"
        actions={<Button onClick={() => setEditing('new')}>{t('groups.new')}</Button>}
      />
      <PageAlerts loadError={groups.error} action={action} />
      {groups.isPending && <Loading />}
      {groups.data && (
        <Paper withBorder>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('group.name')}</Table.Th>
                <Table.Th>{t('group.department')}</Table.Th>
                <Table.Th>{t('group.members')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('action.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...groups.data]
                .sort((a, b) => collate(a.name, b.name))
                .map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {g.name}
                      </Text>
                      {g.description && (
                        <Text size="xs" c="gray.7">
                          {g.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {namesOf(g.departmentId ? [g.departmentId] : [], departments)[0] ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{namesOf(g.memberIds, agents).join(', ')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={t('groups.editNamed', { name: g.name })}
                          onClick={() => setEditing(g)}
                        >
                          {t('action.edit')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          aria-label={t('groups.deleteNamed', { name: g.name })}
                          onClick={() => setDeleting(g)}
                        >
                          {t('action.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && <GroupModal group={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('group.deleteTitle', { name: deleting?.name ?? '' })}
      >
        <Text size="sm">{t('group.deleteBody')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setDeleting(null)}>
            {t('action.cancel')}
          </Button>
          <Button color="red.8" onClick={() => deleting && void remove(deleting)}>
            {t('action.delete')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}

interface Values {
  name: string;
  description: string;
  departmentId: string | null;
  memberIds: string[];
}
const FIELDS = ['name', 'description', 'departmentId', 'memberIds'];

function GroupModal({ group, onClose }: { group: TeamGroup | null; onClose: () => void }): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const refresh = useTeamRefresh();
  const agentOptions = useAgentOptions();
  const departmentOptions = useDepartmentOptions();
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const form = useForm<Values>({
    initialValues: {
      name: group?.name ?? '',
      description: group?.description ?? '',
      departmentId: group?.departmentId ?? null,
      memberIds: group?.memberIds ?? [],
    },
    validate: { name: (v) => (v.trim() ? null : t('group.nameRequired')) },
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    const body = {
      name: values.name.trim(),
      // Sent only when there is one to keep or change.
      ...(values.description || group?.description ? { description: values.description } : {}),
      departmentId: values.departmentId,
      memberIds: values.memberIds,
    };
    try {
      if (group) unwrap(await api.PATCH('/api/v1/groups/{id}', { params: { path: { id: group.id } }, body }));
      else unwrap(await api.POST('/api/v1/groups', { body }));
      await refresh();
      notifications.show({ color: 'green', message: t('group.saved', { name: body.name }) });
      onClose();
    } catch (err) {
      setProblem(takeServerErrors(err, form.setErrors, (f) => FIELDS.includes(f.split('.')[0] ?? f), t));
    }
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={group ? t('group.editTitle', { name: group.name }) : t('groups.new')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('group.name')} withAsterisk maxLength={100} {...form.getInputProps('name')} />
          <Textarea
            label={t('group.description')}
            autosize
            minRows={2}
            {...form.getInputProps('description')}
          />
          <Select
            label={t('group.department')}
            clearable
            searchable
            {...departmentOptions}
            {...form.getInputProps('departmentId')}
          />
          <MultiSelect
            label={t('group.members')}
            searchable
            clearable
            data={agentOptions}
            {...form.getInputProps('memberIds')}
          />
          <SaveProblemAlert problem={problem} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('action.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
