// Each feature's strings load on demand (i18next namespaces); until they arrive, a small spinner
// stands in, so a page never renders with raw keys. (Readable secondary text comes from the theme.)
import { Box, Center, Loader } from '@mantine/core';
import { type ReactElement, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

function Loading(): ReactElement {
  const { t } = useTranslation();
  return (
    <Center p="xl">
      <Loader size="sm" aria-label={t('common.loading')} />
    </Center>
  );
}

export function StringsBoundary({ children }: { children: ReactNode }): ReactElement {
  return (
    <Box>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </Box>
  );
}
