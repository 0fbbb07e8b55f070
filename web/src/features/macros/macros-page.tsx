// "My macros" (from the Account menu, and Administration → Automation → Macros): the shared macros
// and the agent's own, with what each does; agents keep their own, administrators the shared ones.
import {
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { type ReactElement, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { useFieldName, useValueText } from './apply-macro.tsx';
import { actionsOf, type Macro, type MacroAction, useMacroRefresh, useMacros } from './macro-data.ts';
import { MacroFormModal } from './macro-form.tsx';

function Loading(): ReactElement {
  const { t } = useTranslation();
  return (
    <Center p="xl">
      <Loader size="sm" aria-label={t('common.loading')} />
    </Center>
  );
}

export function MacrosPage(): ReactElement {
  return (
    <Suspense fallback={<Loading />}>
      <Macros />
    </Suspense>
  );
}

/** One action in a few words: "Priority: High", "Add tags: warranty", "Reply with text". */
function useActionSummary(): (action: MacroAction) => string {
  const { t } = useTranslation(['automation', 'ticket']);
  const fieldName = useFieldName();
  const valueText = useValueText();
  return (a) => {
    switch (a.type) {
      case 'set_field':
        return `${fieldName(a.field)}: ${valueText(a.field, a.value)}`;
      case 'assign':
        return [
          a.agentId !== undefined &&
            `${t('ticket:fields.ownerAgentId')}: ${valueText('ownerAgentId', a.agentId)}`,
          a.groupId !== undefined &&
            `${t('ticket:fields.ownerGroupId')}: ${valueText('ownerGroupId', a.groupId)}`,
        ]
          .filter(Boolean)
          .join(' · ');
      case 'add_tags':
      case 'remove_tags':
        return `${t(`automation:actions.type.${a.type}`)}: ${a.tags.join(', ')}`;
      case 'add_team_member':
        return `${t('automation:actions.type.add_team_member')}: ${valueText('ownerAgentId', a.agentId)}`;
      default:
        return t(`automation:actions.type.${a.type}`);
    }
  };
}

function Macros(): ReactElement {
  const { t } = useTranslation('macros');
  const format = useFormat();
  const summary = useActionSummary();
  const macros = useMacros();
  const refresh = useMacroRefresh();
  const [editing, setEditing] = useState<Macro | 'new' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const remove = async (m: Macro) => {
    if (!window.confirm(t('deleteConfirm', { name: m.name }))) return;
    setProblem(null);
    try {
      unwrap(await api.DELETE('/api/v1/macros/{id}', { params: { path: { id: m.id } } }));
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : t('error.save'));
    }
    await refresh();
  };

  return (
    <Stack gap="sm" maw={1100}>
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('title')}
        </Title>
        <Button onClick={() => setEditing('new')}>{t('new')}</Button>
      </Group>
      <Text size="sm" c="gray.7">
        {t('intro')}
      </Text>
      {macros.error && (
        <Alert color="red" role="alert">
          {macros.error instanceof ApiError ? macros.error.message : t('error.load')}
        </Alert>
      )}
      {problem && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setProblem(null)}>
          {problem}
        </Alert>
      )}
      {macros.isPending && <Loading />}
      {macros.data?.length === 0 && (
        <Text size="sm" c="gray.7">
          {t('empty')}
        </Text>
      )}
      {macros.data && macros.data.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('column.name')}</Table.Th>
                  <Table.Th>{t('column.kind')}</Table.Th>
                  <Table.Th>{t('column.actions')}</Table.Th>
                  <Table.Th>{t('column.used')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('column.manage')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {macros.data.map((m) => (
                  <Table.Tr key={m.id} data-macro={m.name}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {m.name}
                      </Text>
                      {m.description && (
                        <Text size="xs" c="gray.7">
                          {m.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={m.shared ? 'blue' : 'gray'} tt="none">
                        {m.shared ? t('shared') : t('personal')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {actionsOf(m).map((a, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: actions are ordered, without ids
                          <Badge key={i} size="sm" variant="outline" color="gray" tt="none">
                            {summary(a)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {m.usageCount
                          ? t('usedTimes', { count: m.usageCount, formatted: format.number(m.usageCount) })
                          : t('neverUsed')}
                      </Text>
                      {m.lastUsedAt && (
                        <Text size="xs" c="gray.7">
                          {format.ago(m.lastUsedAt)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {m.editable && (
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button size="xs" variant="default" onClick={() => setEditing(m)}>
                            {t('edit')}
                          </Button>
                          <Button size="xs" variant="subtle" color="red" onClick={() => void remove(m)}>
                            {t('delete')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {editing && (
        <MacroFormModal macro={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}
