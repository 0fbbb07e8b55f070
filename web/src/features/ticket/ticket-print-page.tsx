// A printable view of one ticket (T4): its fields and its conversation on clean paper
// (print CSS hides the console), with internal notes only when asked for.
import './ticket-print.css';
import { Box, Button, Checkbox, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Fragment, type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Ticket, type TimelineItem, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { useSession } from '../../app/session.tsx';
import { FieldValue, useFieldLabel } from './field-values.tsx';
import { RichBody } from './rich-body.tsx';
import { type TicketMessage, useCustomFields, useOrganization, useTicket } from './ticket-data.ts';

const printRouteApi = getRouteApi('/app/tickets/$ticketId/print');
const MAX_PAGES = 25;

/** The whole conversation, oldest first. */
function useConversation(ticketId: string) {
  return useQuery({
    queryKey: ['ticket', ticketId, 'print-conversation'],
    queryFn: async (): Promise<TicketMessage[]> => {
      const items: TimelineItem[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = unwrap(
          await api.GET('/api/v1/tickets/{id}/timeline', {
            params: {
              path: { id: ticketId },
              query: { order: 'asc', limit: 200, ...(cursor ? { cursor } : {}) },
            },
          }),
        );
        items.push(...res.items);
        if (!res.nextCursor) break;
        cursor = res.nextCursor;
      }
      return items.flatMap((i) => (i.type === 'message' ? [i.message] : []));
    },
  });
}

const PRINTED_FIELDS = [
  'status',
  'priority',
  'severity',
  'category',
  'type',
  'ownerAgentId',
  'ownerGroupId',
  'contactId',
  'organizationId',
  'productId',
  'tags',
] as const;

function PrintedTicket({ ticket, withNotes }: { ticket: Ticket; withNotes: boolean }): ReactElement {
  const { t } = useTranslation('ticket');
  const format = useFormat();
  const fieldLabel = useFieldLabel();
  const defs = useCustomFields().data ?? [];
  const organization = useOrganization(ticket.organizationId).data;
  const conversation = useConversation(ticket.id);
  const custom = ticket.custom as Record<string, unknown>;
  const messages = (conversation.data ?? []).filter((m) => withNotes || m.kind !== 'note');
  const filled = (v: unknown) =>
    v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && !v.length);
  return (
    <Box component="article">
      <Text ff="monospace" size="sm">
        {ticket.number}
      </Text>
      <Title order={1} size="h3" mb="sm">
        {ticket.subject}
      </Title>
      <dl>
        {PRINTED_FIELDS.filter((f) => filled(ticket[f])).map((f) => (
          <Fragment key={f}>
            <dt>{fieldLabel(f)}</dt>
            <dd>
              <FieldValue field={f} value={ticket[f]} />
              {f === 'organizationId' && organization ? ` (${t(`tier.${organization.tier}`)})` : ''}
            </dd>
          </Fragment>
        ))}
        <dt>{t('header.created')}</dt>
        <dd>{format.dateTime(ticket.createdAt)}</dd>
        <dt>{t('header.updated')}</dt>
        <dd>{format.dateTime(ticket.updatedAt)}</dd>
        {defs
          .filter((d) => filled(custom[d.key]))
          .map((d) => (
            <Fragment key={d.key}>
              <dt>{fieldLabel(`custom.${d.key}`)}</dt>
              <dd>
                <FieldValue field={`custom.${d.key}`} value={custom[d.key]} />
              </dd>
            </Fragment>
          ))}
      </dl>
      {ticket.description && (
        <>
          <Title order={2} size="h5" mt="md" mb={4}>
            {t('fields.description')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {ticket.description}
          </Text>
        </>
      )}
      {ticket.solution && (
        <>
          <Title order={2} size="h5" mt="md" mb={4}>
            {t('fields.solution')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {ticket.solution}
          </Text>
        </>
      )}
      <Title order={2} size="h5" mt="md" mb={4}>
        {t('print.conversation')}
      </Title>
      {conversation.isLoading && <Loader size="sm" aria-label={t('loading')} />}
      {conversation.isSuccess && messages.length === 0 && <Text size="sm">{t('timeline.empty')}</Text>}
      {messages.map((m) => (
        <Box key={m.id} className="caseway-print-message" data-kind={m.kind}>
          <Text size="sm" fw={600}>
            {m.authorName} · {t(`message.${m.kind}`)} · {format.dateTime(m.createdAt)}
          </Text>
          {m.bodyHtml ? (
            <RichBody html={m.bodyHtml} />
          ) : (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {m.body}
            </Text>
          )}
          {m.attachments.length > 0 && (
            <Text size="xs" mt={2}>
              {t('message.attachments')}:{' '}
              {m.attachments.map((a) => `${a.filename} (${format.bytes(a.size)})`).join(', ')}
            </Text>
          )}
        </Box>
      ))}
    </Box>
  );
}

export function TicketPrintPage(): ReactElement {
  const { t } = useTranslation('ticket');
  const { ticketId } = printRouteApi.useParams();
  const { agent } = useSession();
  const format = useFormat();
  const ticket = useTicket(ticketId);
  const [withNotes, setWithNotes] = useState(false);
  useDocumentTitle(ticket.data ? `${ticket.data.number} · ${ticket.data.subject}` : t('actions.print'));
  return (
    <Stack gap="sm" className="caseway-print-page" maw={820}>
      <Group className="caseway-no-print" gap="sm">
        <Button onClick={() => window.print()}>{t('print.print')}</Button>
        <Checkbox
          label={t('print.withNotes')}
          checked={withNotes}
          onChange={(e) => setWithNotes(e.currentTarget.checked)}
          size="xs"
        />
        <RouterAnchor to="/tickets/$ticketId" params={{ ticketId }} size="sm">
          {t('print.back')}
        </RouterAnchor>
      </Group>
      {ticket.isError && <Text role="alert">{t('notFound')}</Text>}
      {ticket.data ? (
        <PrintedTicket ticket={ticket.data} withNotes={withNotes} />
      ) : (
        !ticket.isError && <Loader size="sm" />
      )}
      <Text size="xs" c="gray.7" mt="md">
        {t('print.printedBy', { name: agent?.name ?? '', date: format.dateTime(new Date().toISOString()) })}
      </Text>
    </Stack>
  );
}
