// S2: the policies in the order they are tried — the first whose condition matches a ticket applies,
// the default last and fixed. Up and down buttons reorder them (POST /api/v1/sla/policies/order).
import { ActionIcon, Alert, Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { usePicklistLabel, usePicklists } from '../../app/reference-data.ts';
import { conditionCount, policyDescription, policyName } from './policy-names.ts';
import { Loading, RouterButton, SlaAdminFrame, SlaTabs } from './sla-admin-frame.tsx';
import { type Policy, slaKeys, usePolicies } from './sla-data.ts';

export function PolicyListPage(): ReactElement {
  return (
    <SlaAdminFrame>
      <Policies />
    </SlaAdminFrame>
  );
}

function Policies(): ReactElement {
  const { t } = useTranslation('slaAdmin');
  const queryClient = useQueryClient();
  const policies = usePolicies();
  const label = usePicklistLabel();
  const priorityList = usePicklists().data?.priority;
  /** In the picklist's order, as the editor's targets table shows them. */
  const position = (key: string) => priorityList?.find((v) => v.key === key)?.position ?? 0;
  const [moving, setMoving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const ordered = policies.data?.filter((p) => !p.isDefault) ?? [];
  const fallback = policies.data?.filter((p) => p.isDefault) ?? [];

  const move = async (index: number, by: -1 | 1) => {
    const ids = ordered.map((p) => p.id);
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(index + by, 0, id);
    setMoving(true);
    setProblem(null);
    const before = policies.data;
    // Shown in the new order at once; the server's answer (or the old list on failure) replaces it.
    queryClient.setQueryData<Policy[]>(slaKeys.policies, [
      ...ids.map((x) => ordered.find((p) => p.id === x)!),
      ...fallback,
    ]);
    try {
      const result = unwrap(await api.POST('/api/v1/sla/policies/order', { body: { ids } }));
      queryClient.setQueryData(slaKeys.policies, result.items);
    } catch (err) {
      queryClient.setQueryData(slaKeys.policies, before);
      setProblem(err instanceof ApiError ? err.message : t('error.save'));
      void queryClient.invalidateQueries({ queryKey: slaKeys.policies, exact: true });
    } finally {
      setMoving(false);
    }
  };

  const row = (p: Policy, index: number) => {
    const name = policyName(p, t);
    const priorities = Object.keys(p.targets)
      .filter((k) => Object.keys(p.targets[k] ?? {}).length > 0)
      .sort((a, b) => position(a) - position(b));
    return (
      <Table.Tr key={p.id} data-policy={p.id}>
        <Table.Td w={48}>
          <Text size="sm" c="gray.7">
            {p.isDefault ? '—' : index + 1}
          </Text>
        </Table.Td>
        <Table.Td>
          <Group gap="xs" wrap="nowrap">
            <RouterAnchor to="/admin/sla/policies/$policyId" params={{ policyId: p.id }} size="sm" fw={600}>
              {name}
            </RouterAnchor>
            {p.isDefault && name !== t('policy.defaultName') && (
              <Badge size="sm" variant="light" color="gray" tt="none">
                {t('policy.defaultBadge')}
              </Badge>
            )}
            {!p.active && (
              <Badge size="sm" variant="light" color="orange" tt="none">
                {t('policy.inactive')}
              </Badge>
            )}
          </Group>
          {policyDescription(p, t) && (
            <Text size="xs" c="gray.7" lineClamp={1}>
              {policyDescription(p, t)}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Text size="sm">
            {p.isDefault
              ? t('policy.matchesRest')
              : conditionCount(p.condition) === 0
                ? t('policy.matchesAll')
                : t('policy.conditionCount', { count: conditionCount(p.condition) })}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">
            {priorities.length
              ? priorities.map((k) => label('priority', k)).join(', ')
              : t('policy.noTargets')}
          </Text>
        </Table.Td>
        <Table.Td w={110}>
          {p.isDefault ? (
            <Text size="xs" c="gray.7">
              {t('policy.alwaysLast')}
            </Text>
          ) : (
            <Group gap={4} wrap="nowrap">
              <ActionIcon
                variant="subtle"
                color="gray.8"
                disabled={moving || index === 0}
                aria-label={t('policy.moveUp', { name })}
                onClick={() => void move(index, -1)}
              >
                ↑
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="gray.8"
                disabled={moving || index === ordered.length - 1}
                aria-label={t('policy.moveDown', { name })}
                onClick={() => void move(index, 1)}
              >
                ↓
              </ActionIcon>
            </Group>
          )}
        </Table.Td>
      </Table.Tr>
    );
  };

  return (
    <Stack gap="sm" maw={1200}>
      <SlaTabs
        current="policies"
        actions={
          <RouterButton to="/admin/sla/policies/$policyId" params={{ policyId: 'new' }}>
            {t('policies.new')}
          </RouterButton>
        }
      />
      <Text size="sm" c="gray.7">
        {t('policies.intro')}
      </Text>
      {problem && (
        <Alert color="red" role="alert" title={t('error.notSaved')}>
          {problem}
        </Alert>
      )}
      {policies.isError && (
        <Alert color="red" role="alert">
          {policies.error instanceof ApiError ? policies.error.message : t('error.load')}
        </Alert>
      )}
      {policies.isPending && <Loading />}
      {policies.data && (
        <Paper withBorder>
          <Table verticalSpacing="xs" aria-label={t('policies.order')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('policies.position')}</Table.Th>
                <Table.Th>{t('policy.name')}</Table.Th>
                <Table.Th>{t('policy.condition')}</Table.Th>
                <Table.Th>{t('policy.prioritiesWithTargets')}</Table.Th>
                <Table.Th>{t('policies.reorder')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ordered.map(row)}
              {fallback.map((p) => row(p, ordered.length))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
