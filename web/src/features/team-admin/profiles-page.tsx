// A3: the profiles (permission sets) with their ticket reach and the roles that use them; copy one
// as the start of another, delete one no role uses.
import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { PageAlerts, useTeamAction } from './page-state.tsx';
import { SHIPPED_ADMINISTRATOR_PROFILE, shippedDescription, shippedName } from './shipped-names.ts';
import { Loading, RouterButton, TeamAdminFrame, TeamTabs } from './team-admin-frame.tsx';
import { type Profile, useProfiles, useRoles } from './team-data.ts';
import { namesOf, useCollate } from './team-options.tsx';

export function ProfilesPage(): ReactElement {
  return (
    <TeamAdminFrame>
      <Profiles />
    </TeamAdminFrame>
  );
}

function Profiles(): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const profiles = useProfiles();
  const roles = useRoles().data ?? [];
  const collate = useCollate();
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState<Profile | null>(null);
  const action = useTeamAction();
  const roleNames = roles.map((r) => ({ id: r.id, name: shippedName(r, t) }));

  const copy = async (p: Profile) => {
    const created = await action.run(async () =>
      unwrap(
        await api.POST('/api/v1/profiles', {
          body: {
            name: t('profiles.copyName', { name: shippedName(p, t) }),
            description: shippedDescription(p, t),
            ticketReach: p.ticketReach,
            permissions: p.permissions,
            fieldAccess: p.fieldAccess,
            copyOf: p.id,
          },
        }),
      ),
    );
    if (created) void navigate({ to: '/admin/team/profiles/$profileId', params: { profileId: created.id } });
  };

  const remove = async (p: Profile) => {
    setDeleting(null);
    await action.run(
      async () => unwrap(await api.DELETE('/api/v1/profiles/{id}', { params: { path: { id: p.id } } })),
      () => t('profile.deleted', { name: shippedName(p, t) }),
    );
  };

  const sorted = [...(profiles.data ?? [])].sort(
    (a, b) => Number(b.shipped) - Number(a.shipped) || collate(shippedName(a, t), shippedName(b, t)),
  );

  return (
    <Stack gap="sm" maw={1200}>
      <TeamTabs
        current="profiles"
        actions={
          <RouterButton to="/admin/team/profiles/$profileId" params={{ profileId: 'new' }}>
            {t('profiles.new')}
          </RouterButton>
        }
      />
      <PageAlerts loadError={profiles.error} action={action} />
      {profiles.isPending && <Loading />}
      {profiles.data && (
        <Paper withBorder>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('profile.name')}</Table.Th>
                <Table.Th>{t('profile.reach')}</Table.Th>
                <Table.Th>{t('profile.usedBy')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('action.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((p) => {
                const name = shippedName(p, t);
                return (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <RouterAnchor
                          to="/admin/team/profiles/$profileId"
                          params={{ profileId: p.id }}
                          size="sm"
                          fw={600}
                        >
                          {name}
                        </RouterAnchor>
                        {p.shipped && (
                          <Badge size="sm" variant="light" color="gray" tt="none">
                            {t('profile.shipped')}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="gray.7">
                        {shippedDescription(p, t)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`reach.${p.ticketReach}.label`)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{namesOf(p.roleIds, roleNames).join(', ')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={t('profiles.copyNamed', { name })}
                          onClick={() => void copy(p)}
                        >
                          {t('profiles.copy')}
                        </Button>
                        {!p.shipped && p.id !== SHIPPED_ADMINISTRATOR_PROFILE && (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            aria-label={t('profiles.deleteNamed', { name })}
                            onClick={() => setDeleting(p)}
                          >
                            {t('action.delete')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('profile.deleteTitle', { name: deleting ? shippedName(deleting, t) : '' })}
      >
        <Text size="sm">
          {deleting && deleting.roleIds.length > 0
            ? t('profile.deleteInUse', { count: deleting.roleIds.length })
            : t('profile.deleteBody')}
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setDeleting(null)}>
            {t('action.cancel')}
          </Button>
          <Button
            color="red.8"
            disabled={!deleting || deleting.roleIds.length > 0}
            onClick={() => deleting && void remove(deleting)}
          >
            {t('action.delete')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
