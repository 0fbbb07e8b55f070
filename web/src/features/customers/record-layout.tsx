// The frame of a customer record's page: a way back to the list, the title, the editable fields
// beside what belongs to the record (its contacts, its tickets).
import { Alert, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { useProblemText } from './customer-data.ts';

export function RecordLayout({
  back,
  title,
  titleId,
  badges,
  fields,
  children,
}: {
  back: ReactNode;
  title: string;
  titleId: string;
  badges?: ReactNode;
  fields: ReactNode;
  children: ReactNode;
}): ReactElement {
  return (
    <Stack gap="sm">
      {back}
      <Group gap="sm">
        <Title order={2} size="h3" id={titleId}>
          {title}
        </Title>
        {badges}
      </Group>
      <Grid gutter="md">
        {/* A side bar: the column stretches to the row, and its border with it (however long the list beside). */}
        <Grid.Col span={{ base: 12, lg: 4 }} style={{ display: 'flex', flexDirection: 'column' }}>
          <Paper withBorder p="sm" style={{ flexGrow: 1 }}>
            {fields}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">{children}</Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** Loading, "not found" and other failures of the record itself. */
export function RecordStatus({ error }: { error: unknown }): ReactElement {
  const { t } = useTranslation('customers');
  const problemText = useProblemText();
  if (!error) return <Text size="sm">{t('common.loading')}</Text>;
  return (
    <Alert color="red" variant="outline" role="alert">
      {error instanceof ApiError && error.status === 404 ? t('errors.notFound') : problemText(error)}
    </Alert>
  );
}

/** Save button and the error of a failed save that no field shows. */
export function SaveRow({
  dirty,
  saving,
  error,
  shownBeside,
}: {
  dirty: boolean;
  saving: boolean;
  error: unknown;
  shownBeside: boolean;
}): ReactElement {
  const { t } = useTranslation('customers');
  const problemText = useProblemText();
  return (
    <Stack gap="xs">
      {error && !shownBeside ? (
        <Alert color="red" variant="outline" role="alert" p="xs">
          {problemText(error)}
        </Alert>
      ) : null}
      <Group gap="xs">
        <Button type="submit" disabled={!dirty} loading={saving}>
          {t('actions.save')}
        </Button>
        {dirty && (
          <Text size="xs" c="gray.7">
            {t('actions.unsaved')}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
