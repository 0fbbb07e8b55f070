// The frame agents work in: side bar of views with live counts, search, and the signed-in agent.

import { AppShell, Button, Group, Loader, Modal, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { Link, Navigate, Outlet } from '@tanstack/react-router';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterNavLink } from '../../app/links.tsx';
import { useLiveTicketEvents } from '../../app/live-events.ts';
import { useSession } from '../../app/session.tsx';
import { AccountMenu } from '../account/index.ts';
import { SignInForm } from '../auth/sign-in-page.tsx';
import { AutomationNav } from '../automation/automation-nav.tsx';
import { NotificationBell } from '../notifications/notification-bell.tsx';
import { SlaAdminNav } from '../sla-admin/sla-admin-nav.tsx';
import { TeamAdminNav } from '../team-admin/team-admin-nav.tsx';
import { SideBarViews } from '../tickets-list/side-bar-views.tsx';
import { ViewAsBanner } from '../view-as/index.ts';
import { GlobalSearchBox } from './global-search-box.tsx';
import { ShortcutsHelp } from './shortcuts-help.tsx';

export function AppShellLayout(): ReactElement {
  const { t } = useTranslation();
  const { agent, loading, expired } = useSession();
  useLiveTicketEvents(Boolean(agent));

  if (loading) {
    return (
      <Stack align="center" justify="center" h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Stack>
    );
  }
  if (!agent && !expired) return <Navigate to="/sign-in" />;

  return (
    <AppShell navbar={{ width: 240, breakpoint: 'sm' }} header={{ height: 48 }} padding="sm">
      <AppShell.Header px="sm">
        <Group h="100%" justify="space-between">
          <Title order={1} size="h4">
            <Link to="/" search={{}} style={{ color: 'inherit', textDecoration: 'none' }}>
              {t('app.name')}
            </Link>
          </Title>
          <GlobalSearchBox />
          <Group gap={4} wrap="nowrap">
            <NotificationBell />
            <AccountMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.views')}>
        <ScrollArea>
          <Button component={Link} to="/tickets/new" fullWidth mb="xs" size="sm">
            {t('shell.newTicket')}
          </Button>
          <Text size="xs" fw={700} c="gray.7" tt="uppercase" px="xs" py={4}>
            {t('shell.views')}
          </Text>
          {agent && <SideBarViews me={agent.id} />}
          <Text size="xs" fw={700} c="gray.7" tt="uppercase" px="xs" pt="md" pb={4}>
            {t('shell.customers')}
          </Text>
          <RouterNavLink to="/contacts" label={t('shell.contacts')} />
          <RouterNavLink to="/organizations" label={t('shell.organizations')} />
          <RouterNavLink to="/products" label={t('shell.products')} />
          {agent?.admin && <SlaAdminNav />}
          {agent?.admin && <TeamAdminNav />}
          {agent?.admin && <AutomationNav />}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <ViewAsBanner />
        <Outlet />
      </AppShell.Main>
      <ShortcutsHelp />
      <Modal
        opened={expired}
        onClose={() => {}}
        withCloseButton={false}
        title={t('auth.sessionExpired')}
        centered
      >
        <SignInForm />
      </Modal>
    </AppShell>
  );
}
