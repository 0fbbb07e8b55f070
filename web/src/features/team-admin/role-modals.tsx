// Add or change a role (name, description, reports to, profiles) and delete one, moving its agents
// and sub-roles to another role. A move under the role's own subordinate is refused by the server
// ("would make a cycle"): the message shows on the "Reports to" field.
import { Button, Group, Modal, MultiSelect, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import { type SaveProblem, SaveProblemAlert, takeServerErrors } from './save-problem.tsx';
import { shippedName } from './shipped-names.ts';
import { type Role, useRoles, useTeamRefresh } from './team-data.ts';
import { useProfileOptions, useRoleOptions } from './team-options.tsx';
import { subtreeOf } from './tree-rows.ts';

const FIELDS = ['name', 'description', 'parentId', 'profileIds'];

interface Values {
  name: string;
  description: string;
  parentId: string | null;
  profileIds: string[];
}

export function RoleModal({
  editRole: role,
  parentId,
  onClose,
}: {
  editRole: Role | null;
  parentId: string | null;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const refresh = useTeamRefresh();
  const isRoot = role !== null && role.parentId === null;
  // Every other role is offered: a subordinate too, so the server can say why that cannot be.
  const parentOptions = useRoleOptions(role ? new Set([role.id]) : undefined);
  const profileOptions = useProfileOptions();
  const parentRole = useRoles().data?.find((r) => r.id === parentId);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const form = useForm<Values>({
    initialValues: {
      name: role ? shippedName(role, t) : '',
      description: role?.description ?? '',
      parentId,
      profileIds: role?.profileIds ?? parentRole?.profileIds ?? [],
    },
    validate: {
      name: (v) => (v.trim() ? null : t('role.nameRequired')),
      parentId: (v) => (isRoot || v ? null : t('role.parentRequired')),
      profileIds: (v) => (v.length ? null : t('role.profilesRequired')),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    const name = values.name.trim();
    const body = {
      // A shipped role keeps its name unless the administrator typed another.
      ...(role && name === shippedName(role, t) ? {} : { name }),
      description: values.description,
      ...(isRoot ? {} : { parentId: values.parentId }),
      profileIds: values.profileIds,
    };
    try {
      if (role) unwrap(await api.PATCH('/api/v1/roles/{id}', { params: { path: { id: role.id } }, body }));
      else
        unwrap(await api.POST('/api/v1/roles', { body: { ...body, name, parentId: values.parentId ?? '' } }));
      await refresh();
      notifications.show({ color: 'green', message: t('role.saved', { name }) });
      onClose();
    } catch (err) {
      setProblem(takeServerErrors(err, form.setErrors, (f) => FIELDS.includes(f.split('.')[0] ?? f), t));
    }
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={role ? t('role.editTitle', { name: shippedName(role, t) }) : t('role.newTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('role.name')} withAsterisk maxLength={100} {...form.getInputProps('name')} />
          <Textarea
            label={t('role.description')}
            autosize
            minRows={2}
            {...form.getInputProps('description')}
          />
          {isRoot ? (
            <Text size="sm" c="gray.7">
              {t('role.isRoot')}
            </Text>
          ) : (
            <Select
              label={t('role.reportsTo')}
              description={t('role.reportsToHelp')}
              withAsterisk
              searchable
              allowDeselect={false}
              {...parentOptions}
              {...form.getInputProps('parentId')}
            />
          )}
          <MultiSelect
            label={t('role.profiles')}
            description={t('role.profilesHelp')}
            withAsterisk
            searchable
            data={profileOptions}
            {...form.getInputProps('profileIds')}
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

export function RoleDeleteModal({ role, onClose }: { role: Role; onClose: () => void }): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const refresh = useTeamRefresh();
  const roles = useRoles().data ?? [];
  const hasChildren = roles.some((r) => r.parentId === role.id);
  const needsTransfer = role.agentCount > 0 || hasChildren;
  const options = useRoleOptions(subtreeOf(roles, role.id));
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const form = useForm<{ transferTo: string | null }>({
    initialValues: { transferTo: role.parentId },
    validate: { transferTo: (v) => (!needsTransfer || v ? null : t('role.transferRequired')) },
  });
  const name = shippedName(role, t);

  const submit = form.onSubmit(async ({ transferTo }) => {
    setProblem(null);
    try {
      unwrap(
        await api.DELETE('/api/v1/roles/{id}', {
          params: { path: { id: role.id }, query: needsTransfer && transferTo ? { transferTo } : {} },
        }),
      );
      await refresh();
      notifications.show({ message: t('role.deleted', { name }) });
      onClose();
    } catch (err) {
      setProblem(takeServerErrors(err, form.setErrors, (f) => f === 'transferTo', t));
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('role.deleteTitle', { name })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            {needsTransfer
              ? t('role.deleteMoves', { count: role.agentCount })
              : t('role.deleteBody', { name })}
          </Text>
          {needsTransfer && (
            <Select
              label={t('role.transferTo')}
              withAsterisk
              searchable
              allowDeselect={false}
              {...options}
              {...form.getInputProps('transferTo')}
            />
          )}
          <Text size="xs" c="gray.7">
            {t('role.deleteRules')}
          </Text>
          <SaveProblemAlert problem={problem} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" color="red.8" loading={form.submitting}>
              {t('action.delete')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
