// R4: when someone else changes the ticket while it is open, the page refreshes itself (the live
// stream invalidates it) and says calmly who changed what.
import { Alert, Stack, Text } from '@mantine/core';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import { ChangeSummary } from './event-line.tsx';
import { useHistory } from './ticket-data.ts';

export function LiveChangeNotice({
  ticketId,
  me,
}: {
  ticketId: string;
  me: string | undefined;
}): ReactElement | null {
  const { t } = useTranslation('ticket');
  const format = useFormat();
  const history = useHistory(ticketId);
  const newest = history.data?.pages[0]?.items ?? [];
  const maxId = newest.reduce((m, e) => Math.max(m, Number(e.id)), 0);
  const [seen, setSeen] = useState<number | null>(null);
  const fresh = seen === null ? [] : newest.filter((e) => Number(e.id) > seen && e.actorId !== me);

  useEffect(() => {
    if (!history.isSuccess) return;
    // The first load, and changes made from this page, are not news.
    if (seen === null || (fresh.length === 0 && maxId > seen)) setSeen(maxId);
  }, [history.isSuccess, seen, fresh.length, maxId]);

  if (fresh.length === 0) return null;
  const names = [...new Set(fresh.map((e) => e.actorName))].join(', ');
  const latest = fresh[0]!;
  return (
    <Alert
      color="blue"
      variant="light"
      p="xs"
      role="status"
      withCloseButton
      closeButtonLabel={t('live.dismiss')}
      onClose={() => setSeen(maxId)}
      title={t('live.updatedBy', { names, ago: format.ago(latest.createdAt) })}
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      data-testid="live-notice"
    >
      <Stack gap={2}>
        {fresh
          .slice()
          .reverse()
          .map((e) => (
            <Text key={e.id} size="xs">
              <ChangeSummary changes={e.changes} />
            </Text>
          ))}
      </Stack>
    </Alert>
  );
}
