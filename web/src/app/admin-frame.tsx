// The frame of the administrators' screens (team, automation): their strings load on demand (a
// spinner until they arrive, never raw keys), and only administrators get past it, others reading
// why in the screen's own namespace (`adminsOnly.title`, `adminsOnly.body`).
import { Alert, Box, Center, Loader } from '@mantine/core';
import { type ReactElement, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api-client.ts';
import { useSession } from './session.tsx';

export function Loading(): ReactElement {
  const { t } = useTranslation();
  return (
    <Center p="xl">
      <Loader size="sm" aria-label={t('common.loading')} />
    </Center>
  );
}

function AdminsOnly({ ns, children }: { ns: string; children: ReactNode }): ReactElement {
  const { t } = useTranslation(ns);
  const { agent } = useSession();
  if (!agent?.admin)
    return (
      <Alert color="yellow" role="alert" title={t('adminsOnly.title')} maw={640}>
        {t('adminsOnly.body')}
      </Alert>
    );
  return <>{children}</>;
}

export function AdminFrame({ ns, children }: { ns: string; children: ReactNode }): ReactElement {
  return (
    <Box>
      <Suspense fallback={<Loading />}>
        <AdminsOnly ns={ns}>{children}</AdminsOnly>
      </Suspense>
    </Box>
  );
}

/** The message of a failed change for an alert: the problem's detail, or a generic fallback. */
export function messageOf(err: unknown, fallback: string): string {
  return err instanceof ApiError ? err.message : fallback;
}
