// Contacts list.
import { Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export function ContactsPage(): ReactElement {
  const { t } = useTranslation();
  return (
    <Title order={2} size="h4">
      {t('customers.contacts')}
    </Title>
  );
}
