// A failed save: the server's messages go beside the inputs they name (@mantine/form's errors);
// whatever no input shows, and a problem without fields, goes into one alert above the buttons.
import { Alert, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, messageOf } from './team-data.ts';

export interface SaveProblem {
  message: string;
  extra: string[];
}

/** Server messages the console says in the agent's language (the server's field messages are English). */
const KNOWN: Record<string, 'error.cycle'> = { 'would make a cycle': 'error.cycle' };

/** Sets the form's field errors and returns what is left for the alert. */
export function takeServerErrors(
  err: unknown,
  setErrors: (errors: Record<string, string>) => void,
  shown: (field: string) => boolean,
  t: TFunction<'teamAdmin'>,
): SaveProblem {
  const byField = Object.fromEntries(
    Object.entries(fieldErrorsOf(err)).map(([f, m]) => {
      const key = KNOWN[m];
      return [f, key ? t(key) : m];
    }),
  );
  const mine = Object.fromEntries(Object.entries(byField).filter(([f]) => shown(f)));
  setErrors(mine);
  const extra = Object.entries(byField)
    .filter(([f]) => !shown(f))
    .map(([f, m]) => `${f}: ${m}`);
  const any = Object.keys(byField).length > 0;
  return { message: any ? t('error.fixFields') : messageOf(err, t('error.save')), extra };
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
