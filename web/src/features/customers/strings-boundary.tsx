// Each feature's strings load on demand (i18next namespaces); until they arrive, a small spinner
// stands in, so a page never renders with raw keys. The wrapper also darkens Mantine's secondary
// text (input descriptions, placeholders) to pass WCAG AA contrast on white.
import { Box, Center, Loader } from '@mantine/core';
import { type CSSProperties, type ReactElement, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

/** Mantine's default dimmed gray (#868e96) and placeholder gray are below 4.5:1 on white. */
export const readableColors = {
  '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
  '--mantine-color-placeholder': '#6b7280',
} as CSSProperties;

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
    <Box style={readableColors}>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </Box>
  );
}
