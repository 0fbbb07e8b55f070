// Search results across tickets, contacts and organizations (the header search box leads here).
import { Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export function SearchPage(): ReactElement {
  const { t } = useTranslation();
  return (
    <Title order={2} size="h4">
      {t('search.title')}
    </Title>
  );
}
