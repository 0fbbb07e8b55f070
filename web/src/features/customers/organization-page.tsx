// One organization with its tickets.
import { Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export function OrganizationPage(): ReactElement {
  const { t } = useTranslation();
  return (
    <Title order={2} size="h4">
      {t('customers.organization')}
    </Title>
  );
}
