// A2: the reports-to tree of roles. A manager reaches the tickets of everyone in the roles below
// theirs. Add a role under another, rename it, choose its profiles, move it (the "Reports to" select
// or drag and drop onto another role), delete it with somewhere for its agents to go.
import { Alert, Badge, Box, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type DragEvent, type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import { RoleDeleteModal, RoleModal } from './role-modals.tsx';
import { shippedName } from './shipped-names.ts';
import { Loading, TeamAdminFrame, TeamTabs } from './team-admin-frame.tsx';
import { messageOf, type Role, useProfiles, useRoles, useTeamRefresh } from './team-data.ts';
import { namesOf, useCollate } from './team-options.tsx';
import { subtreeOf, treeRows } from './tree-rows.ts';

export function RolesPage(): ReactElement {
  return (
    <TeamAdminFrame>
      <Roles />
    </TeamAdminFrame>
  );
}

type Editing =
  | { kind: 'new'; parentId: string }
  | { kind: 'edit'; role: Role }
  | { kind: 'delete'; role: Role };

function Roles(): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const roles = useRoles();
  const profiles = useProfiles().data ?? [];
  const collate = useCollate();
  const refresh = useTeamRefresh();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const rows = treeRows(roles.data ?? [], collate);
  const profileNames = profiles.map((p) => ({ id: p.id, name: shippedName(p, t) }));

  const moveTo = async (roleId: string, parentId: string) => {
    setDragged(null);
    const role = roles.data?.find((r) => r.id === roleId);
    if (!role || role.parentId === parentId || roleId === parentId) return;
    setProblem(null);
    try {
      unwrap(await api.PATCH('/api/v1/roles/{id}', { params: { path: { id: roleId } }, body: { parentId } }));
      await refresh();
      notifications.show({ color: 'green', message: t('roles.moved', { name: shippedName(role, t) }) });
    } catch (err) {
      setProblem(messageOf(err, t('error.save')));
    }
  };

  const dropProps = (target: Role) => ({
    onDragOver: (e: DragEvent) => {
      if (dragged && dragged !== target.id) e.preventDefault();
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      const id = e.dataTransfer.getData('text/plain') || dragged;
      if (id) void moveTo(id, target.id);
    },
  });

  return (
    <Stack gap="sm" maw={1200}>
      <TeamTabs current="roles" />
      {roles.isError && (
        <Alert color="red" role="alert">
          {messageOf(roles.error, t('error.load'))}
        </Alert>
      )}
      {problem && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setProblem(null)}>
          {problem}
        </Alert>
      )}
      {roles.isPending && <Loading />}
      {roles.data && (
        <Paper withBorder p="xs">
          <Text size="xs" c="gray.7" px="xs" pb="xs">
            {t('roles.dragHint')}
          </Text>
          <Box component="ul" aria-label={t('roles.tree')} m={0} p={0} style={{ listStyle: 'none' }}>
            {rows.map(({ node: role, depth }) => {
              const name = shippedName(role, t);
              const inDraggedSubtree = dragged ? subtreeOf(roles.data, dragged).has(role.id) : false;
              return (
                <Box
                  component="li"
                  key={role.id}
                  data-role={role.name}
                  draggable={role.parentId !== null}
                  onDragStart={(e: DragEvent) => {
                    e.dataTransfer.setData('text/plain', role.id);
                    e.dataTransfer.effectAllowed = 'move';
                    setDragged(role.id);
                  }}
                  onDragEnd={() => setDragged(null)}
                  {...dropProps(role)}
                  py={6}
                  pr="xs"
                  pl={`calc(var(--mantine-spacing-xs) + ${depth * 28}px)`}
                  style={{
                    borderTop: '1px solid var(--mantine-color-default-border)',
                    opacity: inDraggedSubtree ? 0.5 : 1,
                    cursor: role.parentId !== null ? 'grab' : undefined,
                  }}
                >
                  <Group justify="space-between" wrap="nowrap" gap="sm">
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm" fw={600}>
                          {depth > 0 ? '└ ' : ''}
                          {name}
                        </Text>
                        <Badge size="sm" variant="light" color="gray" tt="none">
                          {t('roles.agentCount', { count: role.agentCount })}
                        </Badge>
                      </Group>
                      <Text size="xs" c="gray.7">
                        {t('roles.profilesList', {
                          names: namesOf(role.profileIds, profileNames).join(', ') || '—',
                        })}
                      </Text>
                    </Stack>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={t('roles.addChildNamed', { name })}
                        onClick={() => setEditing({ kind: 'new', parentId: role.id })}
                      >
                        {t('roles.addChild')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={t('roles.editNamed', { name })}
                        onClick={() => setEditing({ kind: 'edit', role })}
                      >
                        {t('action.edit')}
                      </Button>
                      {role.parentId !== null && !role.shipped && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          aria-label={t('roles.deleteNamed', { name })}
                          onClick={() => setEditing({ kind: 'delete', role })}
                        >
                          {t('action.delete')}
                        </Button>
                      )}
                    </Group>
                  </Group>
                </Box>
              );
            })}
          </Box>
        </Paper>
      )}
      {editing?.kind === 'new' && (
        <RoleModal editRole={null} parentId={editing.parentId} onClose={() => setEditing(null)} />
      )}
      {editing?.kind === 'edit' && (
        <RoleModal
          editRole={editing.role}
          parentId={editing.role.parentId}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'delete' && <RoleDeleteModal role={editing.role} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
