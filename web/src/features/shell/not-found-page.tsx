// What an address the console does not know shows: in the agent's language, inside the side bar
// layout when signed in, with the way back to the tickets.
import { Stack, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterAnchor } from '../../app/links.tsx';

export function NotFoundPage(): ReactElement {
  const { t } = useTranslation('common');
  return (
    <Stack gap="sm" maw={560} p="md" role="alert">
      <Title order={1} size="h3">
        {t('notFound.title')}
      </Title>
      <Text>{t('notFound.body')}</Text>
      <RouterAnchor to="/">{t('notFound.home')}</RouterAnchor>
    </Stack>
  );
}
