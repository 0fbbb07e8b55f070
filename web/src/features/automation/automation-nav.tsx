// The side bar's "Automation" entries under Administration (administrators only): one link per
// automation page. Rules and macros add their page to AUTOMATION_PAGES and their label to the
// automation namespace. Kept tiny because the shell loads it eagerly; nothing shows until its
// strings arrive.
import { Text } from '@mantine/core';
import { useRouterState } from '@tanstack/react-router';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterNavLink } from '../../app/links.tsx';

/** The pages of the Automation section, in side-bar order: their address and label key. */
export const AUTOMATION_PAGES = [
  { to: '/admin/automation/rules', label: 'nav.rules' },
  { to: '/admin/automation/webhooks', label: 'nav.webhooks' },
  { to: '/admin/automation/macros', label: 'nav.macros' },
] as const;

export function AutomationNav(): ReactElement | null {
  const { t, ready } = useTranslation('automation', { useSuspense: false });
  const path = useRouterState({ select: (s) => s.location.pathname });
  if (!ready) return null;
  return (
    <>
      <Text size="xs" fw={600} c="gray.7" px="xs" pt="xs" pb={2}>
        {t('nav.automation')}
      </Text>
      {AUTOMATION_PAGES.map((page) => (
        <RouterNavLink key={page.to} to={page.to} label={t(page.label)} active={path.startsWith(page.to)} />
      ))}
    </>
  );
}
