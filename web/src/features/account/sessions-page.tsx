// Where you are signed in: this browser first, the others with a sign-out each, or all at once.
import { Badge, Button, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import { type AgentSession, useEndSession, useSessions, useSignOutOthers } from './account-data.ts';
import { AccountFrame } from './account-frame.tsx';

function useDevice(): (session: AgentSession) => string {
  const { t } = useTranslation('account');
  return (s) => {
    if (!s.browser && !s.os) return t('sessions.unknownDevice');
    const kind = s.platform ? t(`sessions.platform.${s.platform}`, { defaultValue: '' }) : '';
    const device =
      s.browser && s.os ? t('sessions.device', { browser: s.browser, os: s.os }) : (s.browser ?? s.os ?? '');
    return kind ? `${device} (${kind})` : device;
  };
}

export function SessionsPage(): ReactElement {
  const { t } = useTranslation('account');
  const format = useFormat();
  const describe = useDevice();
  const sessions = useSessions();
  const end = useEndSession();
  const others = useSignOutOthers();
  const hasOthers = (sessions.data ?? []).some((s) => !s.current);

  const fail = (err: unknown) =>
    notifications.show({ color: 'red', message: String(err instanceof Error ? err.message : err) });

  return (
    <AccountFrame current="sessions">
      <Paper withBorder p="md" component="section" aria-labelledby="sessions-heading">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={3} size="h4" id="sessions-heading">
              {t('sessions.heading')}
            </Title>
            <Button
              variant="outline"
              color="red"
              disabled={!hasOthers}
              loading={others.isPending}
              onClick={async () => {
                try {
                  const { signedOut } = await others.mutateAsync();
                  notifications.show({
                    color: 'teal',
                    message: t('sessions.signedOutOthers', { count: signedOut }),
                  });
                } catch (err) {
                  fail(err);
                }
              }}
            >
              {t('sessions.signOutOthers')}
            </Button>
          </Group>
          <Text size="sm">{t('sessions.intro')}</Text>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing={6} aria-labelledby="sessions-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sessions.deviceHeading')}</Table.Th>
                  <Table.Th>{t('sessions.ip')}</Table.Th>
                  <Table.Th>{t('sessions.lastSeen')}</Table.Th>
                  <Table.Th>{t('sessions.since')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('sessions.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sessions.data?.map((s) => (
                  <Table.Tr key={s.id} data-current={s.current || undefined}>
                    <Table.Td>
                      <Group gap="xs">
                        <Text size="sm" title={s.userAgent ?? undefined}>
                          {describe(s)}
                        </Text>
                        {s.current ? (
                          <Badge variant="light" color="indigo" tt="none">
                            {t('sessions.current')}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>{s.ip ?? '—'}</Table.Td>
                    <Table.Td title={format.dateTime(s.lastSeenAt)}>{format.ago(s.lastSeenAt)}</Table.Td>
                    <Table.Td>{format.dateTime(s.createdAt)}</Table.Td>
                    <Table.Td>
                      {s.current ? null : (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={t('sessions.signOutNamed', { device: describe(s) })}
                          onClick={async () => {
                            try {
                              await end.mutateAsync(s.id);
                              notifications.show({ color: 'teal', message: t('sessions.signedOut') });
                            } catch (err) {
                              fail(err);
                            }
                          }}
                        >
                          {t('sessions.signOut')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      </Paper>
    </AccountFrame>
  );
}
