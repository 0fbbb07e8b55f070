// Invite an agent (name, email, role, groups, departments → the invitation link to copy) or change
// one. The server's word on a field (unknown role, email taken) shows on that field.
import {
  Alert,
  Button,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import { type SaveProblem, SaveProblemAlert, takeServerErrors } from './save-problem.tsx';
import { type TeamAgent, useTeamRefresh } from './team-data.ts';
import { useDepartmentOptions, useGroupOptions, useRoleOptions } from './team-options.tsx';

const AGENT_ROLE = '00000000-0000-4000-8000-0000000000b3';
const FIELDS = ['name', 'email', 'roleId', 'groupIds', 'departmentIds', 'admin'];

interface Values {
  name: string;
  email: string;
  roleId: string | null;
  groupIds: string[];
  departmentIds: string[];
  admin: boolean;
}

export function AgentModal({
  agent,
  onClose,
}: {
  agent: TeamAgent | null;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const refresh = useTeamRefresh();
  const roleOptions = useRoleOptions();
  const groupOptions = useGroupOptions();
  const departmentOptions = useDepartmentOptions();
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [invitation, setInvitation] = useState<{ name: string; url: string } | null>(null);
  const form = useForm<Values>({
    initialValues: {
      name: agent?.name ?? '',
      email: agent?.email ?? '',
      roleId: agent?.roleId ?? AGENT_ROLE,
      groupIds: agent?.groupIds ?? [],
      departmentIds: agent?.departmentIds ?? [],
      admin: agent?.admin ?? false,
    },
    validate: {
      name: (v) => (v.trim() ? null : t('agent.nameRequired')),
      email: (v) => (/^\S+@\S+$/.test(v.trim()) ? null : t('agent.emailInvalid')),
      roleId: (v) => (v ? null : t('agent.roleRequired')),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    const body = {
      name: values.name.trim(),
      email: values.email.trim(),
      ...(values.roleId ? { roleId: values.roleId } : {}),
      groupIds: values.groupIds,
      departmentIds: values.departmentIds,
      ...(agent ? { admin: values.admin } : {}),
    };
    try {
      if (agent) {
        unwrap(await api.PATCH('/api/v1/agents/{id}', { params: { path: { id: agent.id } }, body }));
        await refresh();
        notifications.show({ color: 'green', message: t('agents.saved', { name: body.name }) });
        onClose();
      } else {
        const created = unwrap(await api.POST('/api/v1/agents', { body }));
        await refresh();
        const path =
          created.invitationUrl ??
          (created.invitationToken ? `/accept-invitation?token=${created.invitationToken}` : null);
        if (path)
          setInvitation({ name: created.agent.name, url: new URL(path, window.location.origin).href });
        else onClose();
      }
    } catch (err) {
      setProblem(takeServerErrors(err, form.setErrors, (f) => FIELDS.includes(f.split('.')[0] ?? f), t));
    }
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={agent ? t('agents.editTitle', { name: agent.name }) : t('agents.inviteTitle')}
      size="lg"
    >
      {invitation ? (
        <Stack gap="sm">
          <Alert color="green" role="status" title={t('agents.invited', { name: invitation.name })}>
            {t('agents.invitationExplain')}
          </Alert>
          <TextInput label={t('agents.invitationLink')} value={invitation.url} readOnly />
          <Group justify="flex-end">
            <CopyButton value={invitation.url}>
              {({ copied, copy }) => (
                <Button variant={copied ? 'light' : 'filled'} onClick={copy}>
                  {copied ? t('agents.copied') : t('agents.copyLink')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={onClose}>
              {t('action.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput label={t('agent.name')} withAsterisk maxLength={200} {...form.getInputProps('name')} />
            <TextInput
              label={t('agent.email')}
              type="email"
              withAsterisk
              maxLength={254}
              {...form.getInputProps('email')}
            />
            <Select
              label={t('agent.role')}
              withAsterisk
              {...roleOptions}
              allowDeselect={false}
              searchable
              {...form.getInputProps('roleId')}
            />
            <MultiSelect
              label={t('agent.groups')}
              data={groupOptions}
              searchable
              clearable
              {...form.getInputProps('groupIds')}
            />
            <MultiSelect
              label={t('agent.departments')}
              {...departmentOptions}
              searchable
              clearable
              {...form.getInputProps('departmentIds')}
            />
            {agent && (
              <Switch label={t('agent.adminSwitch')} {...form.getInputProps('admin', { type: 'checkbox' })} />
            )}
            {!agent && (
              <Text size="sm" c="gray.7">
                {t('agents.inviteExplain')}
              </Text>
            )}
            <SaveProblemAlert problem={problem} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('action.cancel')}
              </Button>
              <Button type="submit" loading={form.submitting}>
                {agent ? t('action.save') : t('agents.sendInvite')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
