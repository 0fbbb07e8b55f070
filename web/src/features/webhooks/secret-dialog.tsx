// A webhook's signing secret, shown once after it was created or rotated, with a copy button.
import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { type ReactElement, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface ShownSecret {
  name: string;
  secret: string;
}

export function SecretDialog({
  shown,
  onClose,
}: {
  shown: ShownSecret | null;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation('webhooks');
  // Still shown while the dialog fades out after closing.
  const last = useRef(shown);
  if (shown) last.current = shown;
  const secret = last.current;
  return (
    <Modal
      opened={shown !== null}
      onClose={onClose}
      title={t('secret.title', { name: secret?.name })}
      size="lg"
    >
      <Stack gap="sm">
        <Alert color="yellow" variant="light" role="status">
          {t('secret.shownOnce')}
        </Alert>
        <Text size="sm" fw={600} id="webhook-secret-label">
          {t('secret.label')}
        </Text>
        <Code
          block
          aria-labelledby="webhook-secret-label"
          data-testid="webhook-secret"
          style={{ overflowWrap: 'anywhere' }}
        >
          {secret?.secret}
        </Code>
        <Group justify="flex-end">
          <CopyButton value={secret?.secret ?? ''}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? t('action.copied') : t('action.copy')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t('action.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
