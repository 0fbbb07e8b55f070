// A printable view of one ticket and its public conversation.
import { Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export function TicketPrintPage(): ReactElement {
  const { t } = useTranslation();
  return (
    <Title order={2} size="h4">
      {t('ticket.print')}
    </Title>
  );
}
