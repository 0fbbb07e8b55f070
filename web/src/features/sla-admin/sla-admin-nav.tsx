// The side bar's "Administration" section (administrators only). Kept tiny because the shell loads
// it eagerly; its strings come from the slaAdmin namespace, and nothing shows until they arrive.
import { Text } from '@mantine/core';
import { useRouterState } from '@tanstack/react-router';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterNavLink } from '../../app/links.tsx';

export function SlaAdminNav(): ReactElement | null {
  const { t, ready } = useTranslation('slaAdmin', { useSuspense: false });
  const inSla = useRouterState({ select: (s) => s.location.pathname.startsWith('/admin/sla') });
  if (!ready) return null;
  return (
    <>
      <Text size="xs" fw={700} c="gray.7" tt="uppercase" px="xs" pt="md" pb={4}>
        {t('nav.administration')}
      </Text>
      <RouterNavLink to="/admin/sla/policies" label={t('nav.sla')} active={inSla} />
    </>
  );
}
