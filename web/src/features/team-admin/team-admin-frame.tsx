// The frame of every Team administration screen: its strings load on demand (a spinner until they
// arrive, never raw keys), only administrators get past it, and the pages share a tab bar.
import {
  Alert,
  Box,
  Button,
  type ButtonProps,
  Center,
  Group,
  Loader,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { createLink, useNavigate } from '@tanstack/react-router';
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type ReactElement,
  type ReactNode,
  Suspense,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';

export function Loading(): ReactElement {
  const { t } = useTranslation();
  return (
    <Center p="xl">
      <Loader size="sm" aria-label={t('common.loading')} />
    </Center>
  );
}

function AdminsOnly({ children }: { children: ReactNode }): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const { agent } = useSession();
  if (!agent?.admin)
    return (
      <Alert color="yellow" role="alert" title={t('adminsOnly.title')} maw={640}>
        {t('adminsOnly.body')}
      </Alert>
    );
  return <>{children}</>;
}

export function TeamAdminFrame({ children }: { children: ReactNode }): ReactElement {
  return (
    <Box>
      <Suspense fallback={<Loading />}>
        <AdminsOnly>{children}</AdminsOnly>
      </Suspense>
    </Box>
  );
}

export const TEAM_TABS = {
  agents: '/admin/team/agents',
  roles: '/admin/team/roles',
  profiles: '/admin/team/profiles',
  groups: '/admin/team/groups',
  departments: '/admin/team/departments',
  sharingRules: '/admin/team/sharing-rules',
} as const;
export type TeamTab = keyof typeof TEAM_TABS;

/** The heading of the list pages, with tabs between them and an intro line. */
export function TeamTabs({ current, actions }: { current: TeamTab; actions?: ReactNode }): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const navigate = useNavigate();
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('title')}
        </Title>
        {actions}
      </Group>
      <Tabs value={current} onChange={(tab) => tab && void navigate({ to: TEAM_TABS[tab as TeamTab] })}>
        <Tabs.List>
          {(Object.keys(TEAM_TABS) as TeamTab[]).map((tab) => (
            <Tabs.Tab key={tab} value={tab}>
              {t(`tabs.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Text size="sm" c="gray.7">
        {t(`intro.${current}`)}
      </Text>
    </Stack>
  );
}

const ButtonAnchor = forwardRef<HTMLAnchorElement, ButtonProps & ComponentPropsWithoutRef<'a'>>(
  (props, ref) => <Button component="a" ref={ref} {...props} />,
);
/** A Mantine button that navigates with the router, typed against the route tree. */
export const RouterButton = createLink(ButtonAnchor);
