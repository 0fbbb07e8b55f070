// The side bar's "Team" entry under Administration (administrators only). Kept tiny because the shell
// loads it eagerly; its string comes from the teamAdmin namespace, and nothing shows until it arrives.
import { useRouterState } from '@tanstack/react-router';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterNavLink } from '../../app/links.tsx';

export function TeamAdminNav(): ReactElement | null {
  const { t, ready } = useTranslation('teamAdmin', { useSuspense: false });
  const inTeam = useRouterState({ select: (s) => s.location.pathname.startsWith('/admin/team') });
  if (!ready) return null;
  return <RouterNavLink to="/admin/team/agents" label={t('nav.team')} active={inTeam} />;
}
