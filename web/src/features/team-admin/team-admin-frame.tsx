// The frame of every Team administration screen (administrators only, app/admin-frame.tsx); the
// pages share a tab bar.
import { Button, type ButtonProps, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { createLink, useNavigate } from '@tanstack/react-router';
import { type ComponentPropsWithoutRef, forwardRef, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminFrame } from '../../app/admin-frame.tsx';

export { Loading } from '../../app/admin-frame.tsx';

export function TeamAdminFrame({ children }: { children: ReactNode }): ReactElement {
  return <AdminFrame ns="teamAdmin">{children}</AdminFrame>;
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
