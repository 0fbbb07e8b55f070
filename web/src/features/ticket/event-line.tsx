// One event of the timeline: a compact line ("Status: New → Open") that expands to the details.
import { Box, Collapse, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Fragment, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { useAgents } from '../../app/reference-data.ts';
import { shownRuleName } from '../../app/rule-name.ts';
import { policyLabel } from '../sla/sla-data.ts';
import { FieldValue, useFieldLabel } from './field-values.tsx';
import type { TicketEvent } from './ticket-data.ts';

/** Fields whose values are long text: only "changed" is said in the compact line. */
const LONG_FIELDS = new Set(['description', 'solution']);
/** Creation lists every initial value; the compact line says only who and how. */
const QUIET_KINDS = new Set(['created']);
/** Kinds said by their field changes alone. */
const CHANGE_KINDS = new Set(['updated', 'assigned', 'status_changed', 'tags_changed']);

function TicketLink({ id, number }: { id: unknown; number: unknown }): ReactNode {
  if (typeof id !== 'string') return typeof number === 'string' ? number : null;
  return (
    <RouterAnchor to="/tickets/$ticketId" params={{ ticketId: id }} size="xs" fw={600}>
      {typeof number === 'string' ? number : id.slice(0, 8)}
    </RouterAnchor>
  );
}

/** "added Li Wei to the related team (Read)": the colleague named from the agent list. */
function TeamHeadline({ kind, data }: { kind: string; data: Record<string, unknown> }): ReactNode {
  const { t } = useTranslation('ticket');
  const agents = useAgents().data ?? [];
  if (data.creator === true) return t('event.teamCreator');
  const name = agents.find((a) => a.id === data.agentId)?.name ?? '…';
  const access = data.access === 'read_write' ? t('team.readWrite') : t('team.read');
  if (kind === 'team_member_removed') return t('event.teamRemoved', { name });
  return t(kind === 'team_member_changed' ? 'event.teamChanged' : 'event.teamAdded', { name, access });
}

/** What happened, in words, for events that are more than field changes. */
function EventHeadline({ event }: { event: TicketEvent }): ReactNode {
  const { t } = useTranslation(['ticket', 'sla']);
  const format = useFormat();
  const d = event.data as Record<string, unknown>;
  switch (event.kind) {
    case 'created':
      return t('event.createdVia', {
        channel: t(`channel.${event.channel}`, { defaultValue: event.channel }),
      });
    case 'merged_into':
      return (
        <>
          {t('event.mergedInto')} <TicketLink id={d.targetId} number={d.targetNumber} />
        </>
      );
    case 'merged_from':
      return (
        <>
          {t('event.mergedFrom')} <TicketLink id={d.sourceId} number={d.sourceNumber} />
        </>
      );
    case 'split_from':
      return (
        <>
          {t('event.splitFrom')} <TicketLink id={d.sourceId} number={d.sourceNumber} />
        </>
      );
    case 'split_to':
      return (
        <>
          {t('event.splitTo')} <TicketLink id={d.ticketId} number={d.ticketNumber} />
        </>
      );
    case 'duplicated_from':
      return (
        <>
          {t('event.duplicatedFrom')} <TicketLink id={d.sourceId} number={d.sourceNumber} />
        </>
      );
    case 'duplicated_to':
      return (
        <>
          {t('event.duplicatedTo')} <TicketLink id={d.ticketId} number={d.ticketNumber} />
        </>
      );
    case 'voided':
      return typeof d.reason === 'string' && d.reason
        ? t('event.voidedBecause', { reason: d.reason })
        : t('event.voided');
    case 'restored':
      return t('event.restored');
    case 'team_member_added':
    case 'team_member_changed':
    case 'team_member_removed':
      return <TeamHeadline kind={event.kind} data={d} />;
    case 'message_added':
      return t('event.messageAdded');
    case 'sla_warning':
    case 'sla_breached':
    case 'sla_escalated': {
      const metric = t(`metric.${String(d.metric)}`, { ns: 'sla', defaultValue: String(d.metric) });
      return t(`event.sla.${event.kind}`, {
        metric,
        level: d.level,
        time: typeof d.dueAt === 'string' ? format.dateTime(d.dueAt) : '',
      });
    }
    case 'rule_applied':
      return t('event.ruleApplied', { name: shownRuleName(t, d.ruleName, d.shippedKey) });
    case 'sla_policy_changed':
      return t('event.sla.sla_policy_changed', {
        name:
          policyLabel(
            {
              id: typeof d.policyId === 'string' ? d.policyId : null,
              name: typeof d.policyName === 'string' ? d.policyName : null,
            },
            t('defaultPolicy', { ns: 'sla' }),
          ) ?? t('event.sla.noPolicy'),
      });
    case 'updated':
    case 'assigned':
    case 'status_changed':
    case 'tags_changed':
      return null;
    default:
      return t(`event.${event.kind}`, { defaultValue: event.kind.replace(/_/g, ' ') });
  }
}

/** "Status: New → Open" for each change. */
export function ChangeSummary({ changes }: { changes: TicketEvent['changes'] }): ReactElement {
  const { t } = useTranslation('ticket');
  const fieldLabel = useFieldLabel();
  return (
    <>
      {changes.map((c, i) => (
        <Fragment key={c.field}>
          {i > 0 && ' · '}
          <Text span size="xs" c="gray.7">
            {t('event.fieldColon', { field: fieldLabel(c.field) })}
          </Text>{' '}
          <Text span size="xs" fw={600}>
            {LONG_FIELDS.has(c.field) ? (
              t('event.textChanged')
            ) : (
              <>
                <FieldValue field={c.field} value={c.from} /> → <FieldValue field={c.field} value={c.to} />
              </>
            )}
          </Text>
        </Fragment>
      ))}
    </>
  );
}

/** `actorName`: who did it as the reader should see it (a shipped rule in their language). */
export function EventLine({
  event,
  actorName = event.actorName,
}: {
  event: TicketEvent;
  actorName?: string;
}): ReactElement {
  const { t } = useTranslation('ticket');
  const format = useFormat();
  const fieldLabel = useFieldLabel();
  const [open, { toggle }] = useDisclosure(false);
  const headline = CHANGE_KINDS.has(event.kind) ? null : <EventHeadline event={event} />;
  const compactChanges = QUIET_KINDS.has(event.kind) ? [] : event.changes;
  const detailsId = `event-details-${event.id}`;
  const data = event.data as Record<string, unknown>;
  return (
    <Box
      py={2}
      px="xs"
      data-event-kind={event.kind}
      style={{ borderLeft: '2px solid var(--mantine-color-gray-4)' }}
    >
      <Group gap={6} wrap="nowrap" align="flex-start">
        <UnstyledButton
          onClick={toggle}
          aria-expanded={open}
          aria-controls={detailsId}
          aria-label={open ? t('event.hideDetails') : t('event.showDetails')}
          style={{ lineHeight: 1.2 }}
          px={2}
        >
          <Text span size="xs" c="gray.7" aria-hidden>
            {open ? '▾' : '▸'}
          </Text>
        </UnstyledButton>
        <Text size="xs" c="gray.9" style={{ flex: 1 }}>
          <Text span size="xs" fw={700}>
            {actorName}
          </Text>{' '}
          {!headline && compactChanges.length > 0 && (
            <Text span size="xs" c="gray.7" aria-hidden>
              ·{' '}
            </Text>
          )}
          {headline}
          {headline && compactChanges.length > 0 && ' · '}
          <ChangeSummary changes={compactChanges} />
        </Text>
        <Text
          size="xs"
          c="gray.7"
          component="time"
          dateTime={event.createdAt}
          title={format.ago(event.createdAt)}
        >
          {format.dateTime(event.createdAt)}
        </Text>
      </Group>
      <Collapse in={open} id={detailsId}>
        <Box pl="lg" py={4}>
          <Text size="xs" c="gray.7">
            {t('event.details', {
              actor: actorName,
              actorType: t(`actorType.${event.actorType}`, { defaultValue: event.actorType }),
              channel: t(`channel.${event.channel}`, { defaultValue: event.channel }),
            })}
          </Text>
          {event.changes.length > 0 && (
            <Table fz="xs" verticalSpacing={2} withRowBorders={false} mt={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('event.field')}</Table.Th>
                  <Table.Th>{t('event.from')}</Table.Th>
                  <Table.Th>{t('event.to')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {event.changes.map((c) => (
                  <Table.Tr key={c.field}>
                    <Table.Td>{fieldLabel(c.field)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                      {LONG_FIELDS.has(c.field) ? (
                        String(c.from ?? '')
                      ) : (
                        <FieldValue field={c.field} value={c.from} />
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                      {LONG_FIELDS.has(c.field) ? (
                        String(c.to ?? '')
                      ) : (
                        <FieldValue field={c.field} value={c.to} />
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {typeof data.movedMessages === 'number' && (
            <Text size="xs" c="gray.7">
              {t('event.movedMessages', { count: data.movedMessages })}
            </Text>
          )}
        </Box>
      </Collapse>
    </Box>
  );
}
