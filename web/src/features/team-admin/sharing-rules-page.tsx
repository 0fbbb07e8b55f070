// A6: sharing rules, numbered and read as sentences — "Tickets owned by <source> are shared with
// <target>: read / read and write"; add, change and delete them.
import {
  Button,
  type ComboboxItem,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import { PageAlerts, useTeamAction } from './page-state.tsx';
import { type SaveProblem, SaveProblemAlert, takeServerErrors } from './save-problem.tsx';
import { shippedName } from './shipped-names.ts';
import { Loading, TeamAdminFrame, TeamTabs } from './team-admin-frame.tsx';
import {
  type ShareAccess,
  type SharingRule,
  SOURCE_TYPES,
  type SourceType,
  TARGET_TYPES,
  type TargetType,
  useSharingRules,
  useTeamRefresh,
} from './team-data.ts';
import {
  type TreeOptions,
  useAgentOptions,
  useDepartmentOptions,
  useGroupOptions,
  useRoleOptions,
} from './team-options.tsx';

export function SharingRulesPage(): ReactElement {
  return (
    <TeamAdminFrame>
      <SharingRules />
    </TeamAdminFrame>
  );
}

/** A role's name is translated when it is a shipped one; other names are data. */
const nameOf = (type: SourceType | TargetType, id: string, name: string, t: TFunction<'teamAdmin'>) =>
  type === 'role' || type === 'role_and_subordinates' ? shippedName({ id, name }, t) : name;

export function ruleSentence(rule: SharingRule, t: TFunction<'teamAdmin'>): string {
  return t('rule.sentence', {
    source: t(`rule.source.${rule.sourceType}`, {
      name: nameOf(rule.sourceType, rule.sourceId, rule.sourceName, t),
    }),
    target: t(`rule.target.${rule.targetType}`, {
      name: nameOf(rule.targetType, rule.targetId, rule.targetName, t),
    }),
    access: t(`rule.access.${rule.access}`),
  });
}

function SharingRules(): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const rules = useSharingRules();
  const [editing, setEditing] = useState<SharingRule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SharingRule | null>(null);
  const action = useTeamAction();

  const remove = async (rule: SharingRule) => {
    setDeleting(null);
    await action.run(
      async () =>
        unwrap(await api.DELETE('/api/v1/sharing-rules/{id}', { params: { path: { id: rule.id } } })),
      () => t('rule.deleted', { number: rule.number }),
    );
  };

  return (
    <Stack gap="sm" maw={1200}>
      <TeamTabs
        current="sharingRules"
        actions={<Button onClick={() => setEditing('new')}>{t('rules.new')}</Button>}
      />
      <PageAlerts loadError={rules.error} action={action} />
      {rules.isPending && <Loading />}
      {rules.data && (
        <Paper withBorder>
          {rules.data.length === 0 ? (
            <Text size="sm" c="gray.7" p="sm">
              {t('rules.empty')}
            </Text>
          ) : (
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={120}>{t('rules.number')}</Table.Th>
                  <Table.Th>{t('rules.meaning')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('action.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rules.data.map((rule) => (
                  <Table.Tr key={rule.id} data-rule={rule.number}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {t('rule.numbered', { number: rule.number })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{ruleSentence(rule, t)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={t('rules.editNumbered', { number: rule.number })}
                          onClick={() => setEditing(rule)}
                        >
                          {t('action.edit')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          aria-label={t('rules.deleteNumbered', { number: rule.number })}
                          onClick={() => setDeleting(rule)}
                        >
                          {t('action.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}
      {editing && <RuleModal rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('rule.deleteTitle', { number: deleting?.number ?? 0 })}
      >
        <Text size="sm">{deleting ? ruleSentence(deleting, t) : ''}</Text>
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
  sourceType: SourceType;
  sourceId: string | null;
  targetType: TargetType;
  targetId: string | null;
  access: ShareAccess;
}
const FIELDS = ['sourceType', 'sourceId', 'targetType', 'targetId', 'access'];

/** The records one can name for a source or target type. */
function useChoices() {
  const agents = useAgentOptions();
  const groups = useGroupOptions();
  const departments = useDepartmentOptions();
  const roles = useRoleOptions();
  return (type: SourceType | TargetType): TreeOptions | { data: ComboboxItem[] } =>
    type === 'agent'
      ? { data: agents }
      : type === 'group'
        ? { data: groups }
        : type === 'department'
          ? departments
          : roles;
}

function RuleModal({ rule, onClose }: { rule: SharingRule | null; onClose: () => void }): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const refresh = useTeamRefresh();
  const choices = useChoices();
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const form = useForm<Values>({
    initialValues: {
      sourceType: rule?.sourceType ?? 'group',
      sourceId: rule?.sourceId ?? null,
      targetType: rule?.targetType ?? 'group',
      targetId: rule?.targetId ?? null,
      access: rule?.access ?? 'read',
    },
    validate: {
      sourceId: (v) => (v ? null : t('rule.sourceRequired')),
      targetId: (v) => (v ? null : t('rule.targetRequired')),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      const body = { ...values, sourceId: values.sourceId ?? '', targetId: values.targetId ?? '' };
      if (rule)
        unwrap(await api.PATCH('/api/v1/sharing-rules/{id}', { params: { path: { id: rule.id } }, body }));
      else unwrap(await api.POST('/api/v1/sharing-rules', { body }));
      await refresh();
      notifications.show({ color: 'green', message: t('rule.saved') });
      onClose();
    } catch (err) {
      setProblem(takeServerErrors(err, form.setErrors, (f) => FIELDS.includes(f), t));
    }
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={rule ? t('rule.editTitle', { number: rule.number }) : t('rules.new')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" fw={600}>
            {t('rule.ownedBy')}
          </Text>
          <Group grow align="flex-start">
            <Select
              label={t('rule.sourceType')}
              allowDeselect={false}
              data={SOURCE_TYPES.map((type) => ({ value: type, label: t(`rule.type.${type}`) }))}
              {...form.getInputProps('sourceType')}
              onChange={(v) => {
                form.setFieldValue('sourceType', (v ?? 'group') as SourceType);
                form.setFieldValue('sourceId', null);
              }}
            />
            <Select
              label={t('rule.sourceId')}
              withAsterisk
              searchable
              {...choices(form.values.sourceType)}
              {...form.getInputProps('sourceId')}
            />
          </Group>
          <Text size="sm" fw={600}>
            {t('rule.sharedWith')}
          </Text>
          <Group grow align="flex-start">
            <Select
              label={t('rule.targetType')}
              allowDeselect={false}
              data={TARGET_TYPES.map((type) => ({ value: type, label: t(`rule.type.${type}`) }))}
              {...form.getInputProps('targetType')}
              onChange={(v) => {
                form.setFieldValue('targetType', (v ?? 'group') as TargetType);
                form.setFieldValue('targetId', null);
              }}
            />
            <Select
              label={t('rule.targetId')}
              withAsterisk
              searchable
              {...choices(form.values.targetType)}
              {...form.getInputProps('targetId')}
            />
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="rule-access-label">
              {t('rule.accessLabel')}
            </Text>
            <SegmentedControl
              aria-labelledby="rule-access-label"
              data={(['read', 'read_write'] as const).map((a) => ({
                value: a,
                label: t(`rule.access.${a}`),
              }))}
              {...form.getInputProps('access')}
            />
          </Stack>
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
