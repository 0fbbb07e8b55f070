// A failed save: the server's messages go beside the inputs they name (@mantine/form's errors);
// whatever no input shows, and a problem without fields, goes into one alert above the buttons.
import { Alert, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, messageOf } from './team-data.ts';

export interface SaveProblem {
  message: string;
  extra: string[];
}

/** Sets the form's field errors and returns what is left for the alert. */
export function takeServerErrors(
  err: unknown,
  setErrors: (errors: Record<string, string>) => void,
  shown: (field: string) => boolean,
  fallback: string,
  fixFields: string,
): SaveProblem {
  const byField = fieldErrorsOf(err);
  const mine = Object.fromEntries(Object.entries(byField).filter(([f]) => shown(f)));
  setErrors(mine);
  const extra = Object.entries(byField)
    .filter(([f]) => !shown(f))
    .map(([f, m]) => `${f}: ${m}`);
  const any = Object.keys(byField).length > 0;
  return { message: any ? fixFields : messageOf(err, fallback), extra };
}

export function SaveProblemAlert({ problem }: { problem: SaveProblem | null }): ReactElement | null {
  const { t } = useTranslation('teamAdmin');
  if (!problem) return null;
  return (
    <Alert color="red" role="alert" title={t('error.notSaved')}>
      <Text size="sm">{problem.message}</Text>
      {problem.extra.map((m) => (
        <Text key={m} size="sm">
          {m}
        </Text>
      ))}
    </Alert>
  );
}
