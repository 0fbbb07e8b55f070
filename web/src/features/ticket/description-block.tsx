// The ticket's description, read as text; "Edit" turns it into a field saved with the ticket's version.
// A ticket that came in by mail or portal has the customer's first message as its description: the
// text is then shown once, in the conversation, and this block only says so.
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import { FieldNotices, useFieldEditor } from './field-editor.tsx';
import { useTicketEdit } from './ticket-edit.tsx';

const normalized = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The body of the ticket's first message when the customer wrote it, else null. */
function useFirstCustomerMessage(ticketId: string): string | null {
  const first = useQuery({
    queryKey: ['ticket', ticketId, 'first-message'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/tickets/{id}/timeline', {
          params: { path: { id: ticketId }, query: { order: 'asc', limit: 10 } },
        }),
      ),
    select: (page) => {
      const item = page.items.find((i) => i.type === 'message');
      return item?.type === 'message' && item.message.kind === 'customer' ? item.message.body : null;
    },
  });
  return first.data ?? null;
}

export function DescriptionBlock(): ReactElement {
  const { t } = useTranslation('ticket');
  const { ticket } = useTicketEdit();
  const [editing, setEditing] = useState(false);
  const editor = useFieldEditor<string>({
    field: 'description',
    read: (tk) => tk.description,
    toPatch: (v) => ({ description: v }),
    onSaved: () => setEditing(false),
  });
  const firstMessage = useFirstCustomerMessage(ticket.id);
  const repeated =
    Boolean(ticket.description.trim()) &&
    firstMessage !== null &&
    normalized(firstMessage) === normalized(ticket.description);
  const active = editing || editor.dirty || Boolean(editor.conflict) || Boolean(editor.error);
  const save = async () => {
    if (await (editor.conflict ? editor.reapply() : editor.commit())) setEditing(false);
  };
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="ticket-description-title">
      <Group justify="space-between" mb={4}>
        <Title order={3} size="h6" id="ticket-description-title">
          {t('fields.description')}
        </Title>
        {!active && (
          <Button variant="subtle" size="compact-xs" onClick={() => setEditing(true)}>
            {t('header.editDescription')}
          </Button>
        )}
      </Group>
      {active ? (
        <Stack gap={6}>
          <Textarea
            aria-label={t('fields.description')}
            value={editor.shown}
            autosize
            minRows={3}
            maxRows={20}
            error={editor.error}
            autoFocus
            onChange={(e) => editor.change(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void save();
              } else if (e.key === 'Escape') {
                editor.revert();
                setEditing(false);
              }
            }}
          />
          <FieldNotices editor={editor} display={(v) => (v.length > 200 ? `${v.slice(0, 200)}…` : v)} />
          {!editor.conflict && (
            <Group gap="xs">
              <Button size="compact-xs" loading={editor.saving} onClick={() => void save()}>
                {t('header.save')}
              </Button>
              <Button
                size="compact-xs"
                variant="default"
                onClick={() => {
                  editor.revert();
                  setEditing(false);
                }}
              >
                {t('actions.cancel')}
              </Button>
            </Group>
          )}
        </Stack>
      ) : repeated ? (
        <Text size="sm" c="gray.7" data-description="first-message">
          {t('header.descriptionIsFirstMessage')}
        </Text>
      ) : (
        <Text
          size="sm"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          c={ticket.description ? undefined : 'gray.7'}
        >
          {ticket.description || t('header.noDescription')}
        </Text>
      )}
    </Paper>
  );
}
