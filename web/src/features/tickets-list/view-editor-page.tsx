// Create or edit a saved view: filters, columns, sort; personal or shared.
import { Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export function ViewEditorPage(): ReactElement {
  const { t } = useTranslation();
  return (
    <Title order={2} size="h4">
      {t('views.editor')}
    </Title>
  );
}
