// A5: departments as a tree — each with its parent, head and members — and whether department heads
// also see the tickets of the departments below theirs (GET/PUT /api/v1/access/settings).
import {
  Badge,
  Box,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import { PageAlerts, useTeamAction } from './page-state.tsx';
import { type SaveProblem, SaveProblemAlert, takeServerErrors } from './save-problem.tsx';
import { Loading, TeamAdminFrame, TeamTabs } from './team-admin-frame.tsx';
import {
  type Department,
  messageOf,
  teamKeys,
  useAccessSettings,
  useDepartments,
  useTeamAgents,
  useTeamRefresh,
} from './team-data.ts';
import { namesOf, useAgentOptions, useCollate, useDepartmentOptions } from './team-options.tsx';
import { subtreeOf, treeRows } from './tree-rows.ts';

export function DepartmentsPage(): ReactElement {
  return (
    <TeamAdminFrame>
      <Departments />
    </TeamAdminFrame>
  );
}

type Editing = { kind: 'new'; parentId: string | null } | { kind: 'edit'; department: Department };

function Departments(): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const departments = useDepartments();
  const agents = useTeamAgents().data ?? [];
  const collate = useCollate();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<Department | null>(null);
  const action = useTeamAction();
  const rows = treeRows(departments.data ?? [], collate);

  const remove = async (d: Department) => {
    setDeleting(null);
    await action.run(
      async () => unwrap(await api.DELETE('/api/v1/departments/{id}', { params: { path: { id: d.id } } })),
      () => t('department.deleted', { name: d.name }),
    );
  };

  return (
    <Stack gap="sm" maw={1200}>
      <TeamTabs
        current="departments"
        actions={
          <Button onClick={() => setEditing({ kind: 'new', parentId: null })}>{t('departments.new')}</Button>
        }
      />
      <HeadsSetting />
      <PageAlerts loadError={departments.error} action={action} />
      {departments.isPending && <Loading />}
      {departments.data && (
        <Paper withBorder p="xs">
          {rows.length === 0 && (
            <Text size="sm" c="gray.7" p="xs">
              {t('departments.empty')}
            </Text>
          )}
          <Box component="ul" aria-label={t('departments.tree')} m={0} p={0} style={{ listStyle: 'none' }}>
            {rows.map(({ node: d, depth }, index) => {
              const head = namesOf(d.headAgentId ? [d.headAgentId] : [], agents)[0];
              const members = namesOf(d.memberIds, agents);
              return (
                <Box
                  component="li"
                  key={d.id}
                  data-department={d.name}
                  py={6}
                  pr="xs"
                  pl={`calc(var(--mantine-spacing-xs) + ${depth * 28}px)`}
                  style={{
                    borderTop: index > 0 ? '1px solid var(--mantine-color-default-border)' : undefined,
                  }}
                >
                  <Group justify="space-between" wrap="nowrap" gap="sm">
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm" fw={600}>
                          {depth > 0 ? '└ ' : ''}
                          {d.name}
                        </Text>
                        {!d.active && (
                          <Badge size="sm" variant="light" color="gray" tt="none">
                            {t('department.inactive')}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="gray.7">
                        {head ? t('department.headIs', { name: head }) : t('department.noHead')}
                        {' · '}
                        {members.length
                          ? t('department.membersList', { count: members.length, names: members.join(', ') })
                          : t('department.noMembers')}
                      </Text>
                    </Stack>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={t('departments.addChildNamed', { name: d.name })}
                        onClick={() => setEditing({ kind: 'new', parentId: d.id })}
                      >
                        {t('departments.addChild')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={t('departments.editNamed', { name: d.name })}
                        onClick={() => setEditing({ kind: 'edit', department: d })}
                      >
                        {t('action.edit')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        aria-label={t('departments.deleteNamed', { name: d.name })}
                        onClick={() => setDeleting(d)}
                      >
                        {t('action.delete')}
                      </Button>
                    </Group>
                  </Group>
                </Box>
              );
            })}
          </Box>
        </Paper>
      )}
      {editing && (
        <DepartmentModal
          department={editing.kind === 'edit' ? editing.department : null}
          parentId={editing.kind === 'edit' ? (editing.department.parentId ?? null) : editing.parentId}
          onClose={() => setEditing(null)}
        />
      )}
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('department.deleteTitle', { name: deleting?.name ?? '' })}
      >
        <Text size="sm">{t('department.deleteBody')}</Text>
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

/** "Department heads see sub-departments": saved as soon as it is switched. */
function HeadsSetting(): ReactElement | null {
  const { t } = useTranslation('teamAdmin');
  const queryClient = useQueryClient();
  const settings = useAccessSettings();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const change = async (headsSeeSubDepartments: boolean) => {
    setSaving(true);
    setProblem(null);
    try {
      const saved = unwrap(await api.PUT('/api/v1/access/settings', { body: { headsSeeSubDepartments } }));
      queryClient.setQueryData(teamKeys.settings, saved);
      notifications.show({ color: 'green', message: t('settings.saved') });
    } catch (err) {
      setProblem(messageOf(err, t('error.save')));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Paper withBorder p="sm">
      <Switch
        label={t('settings.headsSeeSubDepartments')}
        description={t('settings.headsSeeSubDepartmentsHelp')}
        checked={settings.data?.headsSeeSubDepartments ?? false}
        disabled={!settings.data || saving}
        onChange={(e) => void change(e.currentTarget.checked)}
      />
      {(problem || settings.isError) && (
        <Text size="xs" c="red.8" role="alert" mt={4}>
          {problem ?? messageOf(settings.error, t('error.load'))}
        </Text>
      )}
    </Paper>
  );
}

interface Values {
  name: string;
  parentId: string | null;
  headAgentId: string | null;
  memberIds: string[];
  active: boolean;
}
const FIELDS = ['name', 'parentId', 'headAgentId', 'memberIds', 'active'];

function DepartmentModal({
  department,
  parentId,
  onClose,
}: {
  department: Department | null;
  parentId: string | null;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const refresh = useTeamRefresh();
  const all = useDepartments().data ?? [];
  // Its own subtree is left out: a department cannot sit under itself.
  const parentOptions = useDepartmentOptions(department ? subtreeOf(all, department.id) : undefined);
  const agentOptions = useAgentOptions();
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const form = useForm<Values>({
    initialValues: {
      name: department?.name ?? '',
      parentId,
      headAgentId: department?.headAgentId ?? null,
      memberIds: department?.memberIds ?? [],
      active: department?.active ?? true,
    },
    validate: { name: (v) => (v.trim() ? null : t('department.nameRequired')) },
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    // The head works in the department: added to its members if the administrator did not.
    const memberIds =
      values.headAgentId && !values.memberIds.includes(values.headAgentId)
        ? [...values.memberIds, values.headAgentId]
        : values.memberIds;
    const body = { ...values, name: values.name.trim(), memberIds };
    try {
      if (department)
        unwrap(
          await api.PATCH('/api/v1/departments/{id}', { params: { path: { id: department.id } }, body }),
        );
      else unwrap(await api.POST('/api/v1/departments', { body }));
      await refresh();
      notifications.show({ color: 'green', message: t('department.saved', { name: body.name }) });
      onClose();
    } catch (err) {
      setProblem(takeServerErrors(err, form.setErrors, (f) => FIELDS.includes(f.split('.')[0] ?? f), t));
    }
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={department ? t('department.editTitle', { name: department.name }) : t('departments.new')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('department.name')}
            withAsterisk
            maxLength={100}
            {...form.getInputProps('name')}
          />
          <Select
            label={t('department.parent')}
            placeholder={t('department.noParent')}
            clearable
            searchable
            {...parentOptions}
            {...form.getInputProps('parentId')}
          />
          <Select
            label={t('department.head')}
            description={t('department.headHelp')}
            clearable
            searchable
            data={agentOptions}
            {...form.getInputProps('headAgentId')}
          />
          <MultiSelect
            label={t('department.members')}
            searchable
            clearable
            data={agentOptions}
            {...form.getInputProps('memberIds')}
          />
          <Switch label={t('department.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
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
