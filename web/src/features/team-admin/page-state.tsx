// What every Team list page shares: a change that may fail (refresh the team data and say it
// worked, or keep why not), and the alerts above the table (the list did not load, the last
// change failed).
import { Alert } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf, useTeamRefresh } from './team-data.ts';

export interface TeamAction {
  problem: string | null;
  clearProblem(): void;
  /** Runs `change`; on success refreshes the team data and shows `done` (when given). */
  run<T>(change: () => Promise<T>, done?: (result: T) => string | null): Promise<T | undefined>;
}

export function useTeamAction(): TeamAction {
  const { t } = useTranslation('teamAdmin');
  const refresh = useTeamRefresh();
  const [problem, setProblem] = useState<string | null>(null);
  return {
    problem,
    clearProblem: () => setProblem(null),
    async run(change, done) {
      setProblem(null);
      try {
        const result = await change();
        await refresh();
        const message = done?.(result);
        if (message) notifications.show({ message });
        return result;
      } catch (err) {
        setProblem(messageOf(err, t('error.save')));
        return undefined;
      }
    },
  };
}

export function PageAlerts({ loadError, action }: { loadError: unknown; action: TeamAction }): ReactElement {
  const { t } = useTranslation('teamAdmin');
  return (
    <>
      {loadError ? (
        <Alert color="red" role="alert">
          {messageOf(loadError, t('error.load'))}
        </Alert>
      ) : null}
      {action.problem && (
        <Alert color="red" role="alert" withCloseButton onClose={action.clearProblem}>
          {action.problem}
        </Alert>
      )}
    </>
  );
}
