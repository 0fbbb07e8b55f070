// Administration → Automation → Rules → Run log: every rule checked against a ticket change, newest
// first, filtered by rule, by whether it matched, or by ticket (from a link); each row links to the
// ticket and the rule and shows the trigger, what the actions did, and the error when they failed.
import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, messageOf } from '../../app/admin-frame.tsx';
import { api, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { useFieldName } from './rule-words.ts';
import { type RuleRun, type RunsQuery, ruleName, useRuleRuns, useRules } from './rules-data.ts';
import { RulesFrame } from './rules-frame.tsx';

const runsRoute = getRouteApi('/app/admin/automation/rules/runs');

export interface RunsSearch {
  ruleId?: string;
  ticketId?: string;
  matched?: 'yes' | 'no';
}

export function RuleRunsPage(): ReactElement {
  return (
    <RulesFrame>
      <RuleRuns />
    </RulesFrame>
  );
}

function TicketCell({ ticketId }: { ticketId: string }): ReactElement {
  const { t } = useTranslation('rules');
  const ticket = useQuery({
    queryKey: ['tickets', 'one', ticketId, 'summary'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/tickets/{id}', { params: { path: { id: ticketId } } })),
    staleTime: 5 * 60_000,
    retry: false,
  });
  return (
    <>
      <RouterAnchor to="/tickets/$ticketId" params={{ ticketId }} size="sm" fw={600}>
        {ticket.data?.number ?? t('runs.ticket')}
      </RouterAnchor>
      {ticket.data && (
        <Text size="xs" c="gray.7" lineClamp={1}>
          {ticket.data.subject}
        </Text>
      )}
    </>
  );
}

/** The ticket fields one update of a run set (its update keys; addTags and removeTags are the tags). */
function updatedFields(fields: unknown): string[] {
  if (!Array.isArray(fields)) return [];
  const names = fields.map((f) => (f === 'addTags' || f === 'removeTags' ? 'tags' : String(f)));
  return [...new Set(names)];
}

function ActionsDone({ run }: { run: RuleRun }): ReactElement {
  const { t } = useTranslation(['rules', 'automation']);
  const fieldName = useFieldName();
  if (!run.matched)
    return (
      <Text size="sm" c="gray.7">
        —
      </Text>
    );
  if (run.actions.length === 0)
    return (
      <Text size="sm" c="gray.7">
        {run.error ? t('runs.noneApplied') : t('runs.noActions')}
      </Text>
    );
  return (
    <Group gap={4}>
      {run.actions.map((a, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an action done has no identity of its own
        <Badge key={i} size="sm" variant="outline" color="gray" tt="none">
          {a.type === 'update'
            ? t('runs.updated', {
                fields: updatedFields(a.fields)
                  .map((f) => (f === 'custom' ? t('runs.customFields') : fieldName(f)))
                  .join(', '),
              })
            : t(`automation:actions.type.${String(a.type)}`, { defaultValue: String(a.type) })}
        </Badge>
      ))}
    </Group>
  );
}

function RuleRuns(): ReactElement {
  const { t } = useTranslation('rules');
  const format = useFormat();
  const search = runsRoute.useSearch();
  const navigate = useNavigate({ from: '/admin/automation/rules/runs' });
  const rules = useRules().data ?? [];
  const query: RunsQuery = {
    ...(search.ruleId ? { ruleId: search.ruleId } : {}),
    ...(search.ticketId ? { ticketId: search.ticketId } : {}),
    ...(search.matched ? { matched: search.matched === 'yes' } : {}),
  };
  const runs = useRuleRuns(query);
  const items = runs.data?.pages.flatMap((p) => p.items) ?? [];
  const nameOf = (id: string) => {
    const rule = rules.find((r) => r.id === id);
    return rule ? ruleName(rule, t) : t('runs.deletedRule');
  };
  const setSearch = (change: Partial<RunsSearch>) =>
    void navigate({ search: (s: RunsSearch) => ({ ...s, ...change }), replace: true });

  return (
    <Stack gap="sm" maw={1200}>
      <RouterAnchor to="/admin/automation/rules" size="sm">
        {t('editor.back')}
      </RouterAnchor>
      <Title order={2} size="h3">
        {t('runs.title')}
      </Title>
      <Text size="sm" c="gray.7">
        {t('runs.intro')}
      </Text>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('runs.rule')}
          w={300}
          searchable
          clearable
          placeholder={t('runs.allRules')}
          data={rules.map((r) => ({ value: r.id, label: ruleName(r, t) }))}
          value={search.ruleId ?? null}
          onChange={(v) => setSearch({ ruleId: v ?? undefined })}
        />
        <Select
          label={t('runs.matched')}
          w={200}
          allowDeselect={false}
          data={[
            { value: 'all', label: t('runs.matchedAll') },
            { value: 'yes', label: t('runs.matchedYes') },
            { value: 'no', label: t('runs.matchedNo') },
          ]}
          value={search.matched ?? 'all'}
          onChange={(v) => setSearch({ matched: v === 'yes' || v === 'no' ? v : undefined })}
        />
        {search.ticketId && (
          <Button variant="default" onClick={() => setSearch({ ticketId: undefined })}>
            {t('runs.clearTicket')}
          </Button>
        )}
      </Group>
      {runs.error ? (
        <Alert color="red" role="alert">
          {messageOf(runs.error, t('error.load'))}
        </Alert>
      ) : null}
      {runs.isPending && <Loading />}
      {runs.data && items.length === 0 && (
        <Text size="sm" c="gray.7">
          {t('runs.empty')}
        </Text>
      )}
      {items.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" aria-label={t('runs.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('runs.column.at')}</Table.Th>
                  <Table.Th>{t('runs.column.rule')}</Table.Th>
                  <Table.Th>{t('runs.column.ticket')}</Table.Th>
                  <Table.Th>{t('runs.column.trigger')}</Table.Th>
                  <Table.Th>{t('runs.column.matched')}</Table.Th>
                  <Table.Th>{t('runs.column.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((run) => (
                  <Table.Tr key={run.id} data-run={run.id}>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {format.dateTime(run.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <RouterAnchor
                        to="/admin/automation/rules/$ruleId"
                        params={{ ruleId: run.ruleId }}
                        size="sm"
                      >
                        {nameOf(run.ruleId)}
                      </RouterAnchor>
                    </Table.Td>
                    <Table.Td>
                      <TicketCell ticketId={run.ticketId} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`event.${run.trigger}`, { defaultValue: run.trigger })}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={run.matched ? 'teal' : 'gray'} tt="none">
                        {run.matched ? t('runs.yes') : t('runs.no')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <ActionsDone run={run} />
                      {run.error && (
                        <Text size="xs" c="red.8" role="note">
                          {t('runs.error', { error: run.error })}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {runs.hasNextPage && (
        <Group>
          <Button
            variant="default"
            size="xs"
            loading={runs.isFetchingNextPage}
            onClick={() => void runs.fetchNextPage()}
          >
            {t('runs.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
