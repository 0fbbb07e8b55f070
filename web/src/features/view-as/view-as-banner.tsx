// The strip across the console while an administrator previews it as another agent.
import { Alert, Button, Group, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { currentViewAs, setViewAs } from '../../app/view-as.ts';

export function ViewAsBanner(): ReactElement | null {
  const { t } = useTranslation('viewAs');
  const viewAs = currentViewAs();
  if (!viewAs) return null;
  return (
    <Alert color="grape" variant="filled" radius={0} py={6} role="status" data-view-as={viewAs.agentId}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600}>
          {t('banner', { name: viewAs.agentName })}
        </Text>
        <Button size="compact-sm" variant="white" color="grape" onClick={() => setViewAs(null)}>
          {t('exit')}
        </Button>
      </Group>
    </Alert>
  );
}
