// Administrators choose whom to preview the console as.
import { Button, Modal, Select, Stack, Text } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgents } from '../../app/reference-data.ts';
import { setViewAs } from '../../app/view-as.ts';

export function ViewAsPicker({
  opened,
  onClose,
  exclude,
}: {
  opened: boolean;
  onClose: () => void;
  /** The administrator themself. */
  exclude: string;
}): ReactElement {
  const { t } = useTranslation('viewAs');
  const agents = useAgents().data ?? [];
  const [agentId, setAgentId] = useState<string | null>(null);
  const chosen = agents.find((a) => a.id === agentId);
  return (
    <Modal opened={opened} onClose={onClose} title={t('title')} centered>
      <Stack gap="sm">
        <Text size="sm">{t('intro')}</Text>
        <Select
          label={t('agent')}
          placeholder={t('pick')}
          data={agents
            .filter((a) => a.active && a.id !== exclude)
            .map((a) => ({ value: a.id, label: a.name }))}
          value={agentId}
          onChange={setAgentId}
          searchable
          data-autofocus
        />
        <Button
          disabled={!chosen}
          onClick={() => chosen && setViewAs({ agentId: chosen.id, agentName: chosen.name })}
        >
          {t('start')}
        </Button>
      </Stack>
    </Modal>
  );
}
