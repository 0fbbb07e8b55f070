// Dry run (W5) in the rule editor: the rule as it stands in the form (saved or not) tried against the
// tickets of the last N days or of a view, a page at a time with the progress shown, writing nothing:
// which tickets it would match, what each action would change (from → to) and, for a time-based
// rule, when it fires. It stops by itself after a screenful of matches ("Load more" goes on) or
// when the administrator presses Stop.
import {
  Alert,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { type ReactElement, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../app/admin-frame.tsx';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { useAgents } from '../../app/reference-data.ts';
import { useSavedViews } from '../tickets-list/view-data.ts';
import { useWebhooks } from '../webhooks/webhook-data.ts';
import { useFieldName, useValueWords } from './rule-words.ts';
import type { DryRunMatch } from './rules-data.ts';

/** Tickets asked for per request, and the matches one run collects before it pauses. */
const PAGE = 100;
const MATCHES_PER_RUN = 50;

export interface DryRunRequest {
  body: Record<string, unknown>;
  /** Shows the server's problems with the rule at their inputs. */
  onProblems: (errors: Array<{ field: string; message: string }>) => void;
}

interface ScanProgress {
  total: number;
  scanned: number;
}

function Effect({ effect }: { effect: Record<string, unknown> }): ReactElement {
  const { t } = useTranslation(['rules', 'automation']);
  const agents = useAgents().data;
  const webhooks = useWebhooks().data;
  const agent = (id: unknown) => agents?.find((a) => a.id === id)?.name ?? String(id);
  switch (effect.type) {
    case 'note':
      return <Text size="sm">{t('dryRun.effect.note', { body: String(effect.body ?? '') })}</Text>;
    case 'team_member':
      return (
        <Text size="sm">
          {t('dryRun.effect.teamMember', {
            agent: agent(effect.agentId),
            access: t(
              `automation:actions.accessLevel.${effect.access === 'read_write' ? 'read_write' : 'read'}`,
            ),
          })}
        </Text>
      );
    case 'notify':
      return (
        <Text size="sm">
          {t('dryRun.effect.notify', {
            recipient:
              effect.recipient === 'agent'
                ? agent(effect.agentId)
                : t(`automation:actions.recipients.${String(effect.recipient)}`, {
                    defaultValue: String(effect.recipient),
                  }),
          })}
        </Text>
      );
    case 'webhook':
      return (
        <Text size="sm">
          {t('dryRun.effect.webhook', {
            webhook: webhooks?.find((w) => w.id === effect.webhookId)?.name ?? String(effect.webhookId),
          })}
        </Text>
      );
    default:
      return <Text size="sm">{String(effect.type)}</Text>;
  }
}

function MatchRow({ match, now }: { match: DryRunMatch; now: number }): ReactElement {
  const { t } = useTranslation('rules');
  const format = useFormat();
  const fieldName = useFieldName();
  const words = useValueWords();
  return (
    <Table.Tr data-match={match.ticketId}>
      <Table.Td style={{ verticalAlign: 'top' }}>
        <RouterAnchor to="/tickets/$ticketId" params={{ ticketId: match.ticketId }} size="sm" fw={600}>
          {match.number}
        </RouterAnchor>
        <Text size="sm" lineClamp={2}>
          {match.subject}
        </Text>
      </Table.Td>
      <Table.Td style={{ verticalAlign: 'top' }}>
        {match.changes.length === 0 && match.effects.length === 0 && (
          <Text size="sm" c="gray.7">
            {t('dryRun.nothingChanges')}
          </Text>
        )}
        <List size="sm" spacing={2} listStyleType="none">
          {match.changes.map((c) => (
            <List.Item key={c.field} data-change={c.field}>
              <Text size="sm" span fw={500}>
                {fieldName(c.field)}:
              </Text>{' '}
              <Text size="sm" span c="gray.7">
                {words(c.field, c.from)}
              </Text>{' '}
              →{' '}
              <Text size="sm" span>
                {words(c.field, c.to)}
              </Text>
            </List.Item>
          ))}
          {match.effects.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: effects have no identity of their own
            <List.Item key={i}>
              <Effect effect={e} />
            </List.Item>
          ))}
        </List>
      </Table.Td>
      {'firesAt' in match && (
        <Table.Td style={{ verticalAlign: 'top' }}>
          {match.firesAt ? (
            <Text size="sm">
              {new Date(match.firesAt).getTime() <= now
                ? t('dryRun.wouldHaveFired', { at: format.dateTime(match.firesAt) })
                : t('dryRun.willFire', { at: format.dateTime(match.firesAt) })}
            </Text>
          ) : (
            <Text size="sm" c="gray.7">
              {t('dryRun.noAnchor')}
            </Text>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}

export function DryRunPanel({ request }: { request: () => DryRunRequest | null }): ReactElement {
  const { t } = useTranslation('rules');
  const format = useFormat();
  const views = useSavedViews().data ?? [];
  const [scope, setScope] = useState<'days' | 'view'>('days');
  const [days, setDays] = useState<number | string>(30);
  const [viewId, setViewId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ScanProgress | null>(null);
  const [matches, setMatches] = useState<DryRunMatch[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [timed, setTimed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const stopped = useRef(false);
  const lastBody = useRef<Record<string, unknown> | null>(null);

  const run = async (fresh: boolean) => {
    setProblem(null);
    let body = lastBody.current;
    let onProblems: DryRunRequest['onProblems'] = () => {};
    if (fresh) {
      const req = request();
      if (!req) return;
      onProblems = req.onProblems;
      const range =
        scope === 'view' && viewId ? { viewId } : { days: Math.min(Math.max(Number(days) || 30, 1), 366) };
      body = { rule: req.body, ...range, limit: PAGE };
      lastBody.current = body;
      setMatches([]);
      setProgress(null);
      setCursor(null);
      setTimed((req.body.trigger as { type?: string } | undefined)?.type === 'time');
    }
    if (!body) return;
    stopped.current = false;
    setRunning(true);
    setNow(Date.now());
    let next = fresh ? null : cursor;
    let found = 0;
    try {
      do {
        const page = unwrap(
          await api.POST('/api/v1/rules/dry-run', { body: { ...body, ...(next ? { cursor: next } : {}) } }),
        );
        found += page.matches.length;
        setMatches((m) => [...m, ...page.matches]);
        setProgress({ total: page.total, scanned: page.scanned });
        next = page.nextCursor;
        setCursor(next);
      } while (next && !stopped.current && found < MATCHES_PER_RUN);
    } catch (err) {
      if (err instanceof ApiError && err.problem.errors?.length) onProblems(err.problem.errors);
      setProblem(messageOf(err, t('dryRun.failed')));
    } finally {
      setRunning(false);
    }
  };

  const percent = progress && progress.total > 0 ? (progress.scanned / progress.total) * 100 : 100;
  const done = progress !== null && cursor === null;

  return (
    <Stack gap="xs" data-testid="dry-run">
      <Text size="sm" c="gray.7">
        {t('dryRun.intro')}
      </Text>
      <Group align="flex-end" gap="sm">
        <SegmentedControl
          aria-label={t('dryRun.scope')}
          value={scope}
          onChange={(v) => setScope(v as 'days' | 'view')}
          data={[
            { value: 'days', label: t('dryRun.lastDays') },
            { value: 'view', label: t('dryRun.aView') },
          ]}
        />
        {scope === 'days' ? (
          <NumberInput
            label={t('dryRun.days')}
            w={120}
            min={1}
            max={366}
            allowDecimal={false}
            value={days}
            onChange={setDays}
          />
        ) : (
          <Select
            label={t('dryRun.view')}
            w={260}
            searchable
            data={views.map((v) => ({ value: v.id, label: v.name }))}
            value={viewId}
            onChange={setViewId}
          />
        )}
        <Button
          variant="light"
          onClick={() => void run(true)}
          loading={running}
          disabled={scope === 'view' && !viewId}
        >
          {t('dryRun.run')}
        </Button>
        {running && (
          <Button
            variant="default"
            onClick={() => {
              stopped.current = true;
            }}
          >
            {t('dryRun.stop')}
          </Button>
        )}
      </Group>
      {problem && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setProblem(null)}>
          {problem}
        </Alert>
      )}
      {progress && (
        <Stack gap={4} role="status" aria-live="polite">
          <Progress value={percent} size="sm" animated={running} aria-label={t('dryRun.progressLabel')} />
          <Text size="xs" c="gray.7" data-testid="dry-run-progress">
            {t('dryRun.progress', {
              scanned: format.number(progress.scanned),
              total: format.number(progress.total),
              count: matches.length,
              matches: format.number(matches.length),
            })}
            {done ? ` ${t('dryRun.finished')}` : ''}
          </Text>
        </Stack>
      )}
      {progress && matches.length === 0 && !running && (
        <Text size="sm" c="gray.7">
          {t('dryRun.noMatches')}
        </Text>
      )}
      {matches.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" aria-label={t('dryRun.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="35%">{t('dryRun.column.ticket')}</Table.Th>
                  <Table.Th>{t('dryRun.column.changes')}</Table.Th>
                  {timed && <Table.Th w="25%">{t('dryRun.column.fires')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {matches.map((m) => (
                  <MatchRow key={m.ticketId} match={m} now={now} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {cursor && !running && (
        <Group>
          <Button variant="default" size="xs" onClick={() => void run(false)}>
            {t('dryRun.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
