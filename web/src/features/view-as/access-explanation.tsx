// While previewing as an agent: why they see this ticket, or why not, in plain words
// ("owner's manager", "member of group Refunds", "sharing rule 3").
import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import type { paths } from '../../app/api-types.ts';
import { currentViewAs } from '../../app/view-as.ts';

type Explanation = paths['/api/v1/access/explain']['get']['responses']['200']['content']['application/json'];
type Reason = Explanation['reasons'][number];

function ReasonText({ reason }: { reason: Reason }): ReactElement {
  const { t } = useTranslation('viewAs');
  const text = t(`reason.${reason.kind}`, {
    owner: reason.ownerName ?? '',
    group: reason.groupName ?? '',
    department: reason.departmentName ?? '',
    number: reason.number ?? '',
  });
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" span>
        {text}
      </Text>
      <Badge size="xs" variant="light" color={reason.writes ? 'blue' : 'gray'}>
        {reason.writes ? t('writes') : t('readsOnly')}
      </Badge>
    </Group>
  );
}

export function AccessExplanation({ ticketId }: { ticketId: string }): ReactElement | null {
  const { t } = useTranslation('viewAs');
  const viewAs = currentViewAs();
  const explained = useQuery({
    queryKey: ['access-explain', viewAs?.agentId ?? '', ticketId],
    enabled: Boolean(viewAs),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/access/explain', {
          params: { query: { agentId: viewAs!.agentId, ticketId } },
        }),
      ),
  });
  if (!viewAs) return null;
  const e = explained.data;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="access-explain-title">
      <Title order={3} size="h6" id="access-explain-title" mb="xs">
        {t('why', { name: viewAs.agentName })}
      </Title>
      {e && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {e.visible
              ? e.writable
                ? t('visibleWritable', { name: viewAs.agentName })
                : t('visibleReadOnly', { name: viewAs.agentName })
              : t('notVisible', { name: viewAs.agentName })}
          </Text>
          {e.reasons.length > 0 && (
            <List size="sm" spacing={2}>
              {e.reasons.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: reasons have no id and never reorder
                <List.Item key={i}>
                  <ReasonText reason={r} />
                </List.Item>
              ))}
            </List>
          )}
          {!e.visible && e.blockedBy && (
            <Text size="sm" c="gray.7">
              {t(`blocked.${e.blockedBy}`)}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
