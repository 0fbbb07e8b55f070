// The frame of the Rules screens: strings load on demand (a spinner until they arrive, never raw
// keys), and only administrators get past it.
import { Alert, Box } from '@mantine/core';
import { type ReactElement, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { Loading } from '../webhooks/webhooks-frame.tsx';

function AdminsOnly({ children }: { children: ReactNode }): ReactElement {
  const { t } = useTranslation('rules');
  const { agent } = useSession();
  if (!agent?.admin)
    return (
      <Alert color="yellow" role="alert" title={t('adminsOnly.title')} maw={640}>
        {t('adminsOnly.body')}
      </Alert>
    );
  return <>{children}</>;
}

export function RulesFrame({ children }: { children: ReactNode }): ReactElement {
  return (
    <Box>
      <Suspense fallback={<Loading />}>
        <AdminsOnly>{children}</AdminsOnly>
      </Suspense>
    </Box>
  );
}
