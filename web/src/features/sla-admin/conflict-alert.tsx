// Someone saved the record while this administrator was editing it (409): show what it holds now
// and let them either load it (dropping their edits) or keep their edits and save over it.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ConflictAlert({
  version,
  current,
  onLoad,
  onKeepMine,
}: {
  version: number;
  /** The record's current values, a few lines. */
  current: ReactNode;
  onLoad: () => void;
  onKeepMine: () => void;
}): ReactElement {
  const { t } = useTranslation('slaAdmin');
  return (
    <Alert color="orange" role="alert" title={t('conflict.title')}>
      <Stack gap="xs">
        <Text size="sm">{t('conflict.explain', { version })}</Text>
        <div>{current}</div>
        <Group gap="xs">
          <Button size="xs" onClick={onLoad}>
            {t('conflict.load')}
          </Button>
          <Button size="xs" variant="default" onClick={onKeepMine}>
            {t('conflict.keepMine')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** "Not saved" with the messages no input shows (paths the form does not know). */
export function NotSavedAlert({ message, extra }: { message: string; extra: string[] }): ReactElement {
  const { t } = useTranslation('slaAdmin');
  return (
    <Alert color="red" role="alert" title={t('error.notSaved')}>
      <Text size="sm">{message}</Text>
      {extra.map((m) => (
        <Text key={m} size="sm">
          {m}
        </Text>
      ))}
    </Alert>
  );
}
