// The agent's own signature, edited where it is used: from the composer.
import { Button, Group, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, type ReactElement, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { useSession } from '../../app/session.tsx';

const RichEditor = lazy(() => import('./rich-editor.tsx'));

export function SignatureDialog({ opened, onClose }: { opened: boolean; onClose(): void }): ReactElement {
  const { t } = useTranslation('composer');
  return (
    <Modal opened={opened} onClose={onClose} title={t('signatureTitle')} size="lg">
      {opened && <SignatureForm onClose={onClose} />}
    </Modal>
  );
}

function SignatureForm({ onClose }: { onClose(): void }): ReactElement {
  const { t } = useTranslation('composer');
  const { agent } = useSession();
  const queryClient = useQueryClient();
  const [html, setHtml] = useState(agent?.signature ?? '');
  const save = useMutation({
    mutationFn: async () => unwrap(await api.PATCH('/api/v1/me', { body: { signature: html } })),
    onSuccess: (updated) => {
      queryClient.setQueryData(['me'], updated);
      notifications.show({ message: t('signatureSaved') });
      onClose();
    },
  });
  const error = save.error instanceof ApiError ? save.error.message : save.error ? String(save.error) : null;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Suspense fallback={<Text size="sm">{t('loadingEditor')}</Text>}>
        <RichEditor
          html={html}
          label={t('signatureLabel')}
          onChange={(h) => setHtml(h)}
          onSubmit={() => save.mutate()}
        />
      </Suspense>
      {error && (
        <Text size="xs" c="red.9" role="alert" mt={4}>
          {error}
        </Text>
      )}
      <Group justify="flex-end" mt="sm">
        <Button variant="default" onClick={onClose}>
          {t('cancel')}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {t('save')}
        </Button>
      </Group>
    </form>
  );
}
