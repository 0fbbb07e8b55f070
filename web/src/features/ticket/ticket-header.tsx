// The ticket's header (V4): number, subject (editable in place), status and priority, owner, the
// key facts, and the actions on the whole ticket.
import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  type ButtonProps,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { forwardRef, type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { useOwnerOptions } from '../../app/owner-options.ts';
import { useGroups, usePicklistLabel } from '../../app/reference-data.ts';
import { useSession } from '../../app/session.tsx';
import { StatusBadge } from '../../app/status-badge.tsx';
import { ApplyMacroButton } from '../macros/index.ts';
import { TierBadge } from './customer-panel.tsx';
import { SelectField } from './field-controls.tsx';
import { FieldNotices, useFieldEditor } from './field-editor.tsx';
import { useFieldLabel } from './field-values.tsx';
import { type TicketDialog, useDuplicateTicket, useRestoreTicket } from './ticket-actions.tsx';
import { useContact, useOrganization, useOtherTicket } from './ticket-data.ts';
import { useTicketEdit } from './ticket-edit.tsx';
import { usePicklistOptions } from './ticket-fields-panel.tsx';

const ButtonAnchor = forwardRef<HTMLAnchorElement, ButtonProps & React.ComponentPropsWithoutRef<'a'>>(
  (props, ref) => <Button component="a" ref={ref} {...props} />,
);
const RouterButton = createLink(ButtonAnchor);

export function PriorityBadge({ ticket }: { ticket: Ticket }): ReactElement {
  const label = usePicklistLabel();
  const urgent = ticket.priority === 'urgent';
  const high = ticket.priority === 'high';
  return (
    <Badge
      color={urgent ? 'red.9' : high ? 'red' : 'gray.7'}
      variant={urgent ? 'filled' : 'outline'}
      radius="sm"
      data-priority={ticket.priority}
    >
      {label('priority', ticket.priority)}
    </Badge>
  );
}

/** The subject as the page title; a click or the pencil turns it into a field. */
function SubjectEditor(): ReactElement {
  const { t } = useTranslation('ticket');
  const { ticket } = useTicketEdit();
  const [editing, setEditing] = useState(false);
  const editor = useFieldEditor<string>({
    field: 'subject',
    read: (tk) => tk.subject,
    toPatch: (v) => ({ subject: v }),
    onSaved: () => setEditing(false),
  });
  const active = editing || editor.dirty || Boolean(editor.conflict) || Boolean(editor.error);
  if (!active) {
    return (
      <Group gap={4} wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: 1 }}>
        <Title
          order={2}
          size="h4"
          onClick={() => setEditing(true)}
          style={{ cursor: 'text', overflowWrap: 'anywhere', lineHeight: '34px' }}
        >
          {ticket.subject}
        </Title>
        <Tooltip label={t('header.editSubject')}>
          <ActionIcon
            variant="subtle"
            color="gray.7"
            size="sm"
            mt={7}
            aria-label={t('header.editSubject')}
            onClick={() => setEditing(true)}
          >
            <span aria-hidden>✎</span>
          </ActionIcon>
        </Tooltip>
      </Group>
    );
  }
  return (
    <Box style={{ flex: 1 }}>
      <TextInput
        aria-label={t('fields.subject')}
        value={editor.shown}
        autoFocus
        size="sm"
        error={editor.error}
        onChange={(e) => editor.change(e.currentTarget.value)}
        onKeyDown={async (e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (await (editor.conflict ? editor.reapply() : editor.commit())) setEditing(false);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            editor.revert();
            setEditing(false);
          }
        }}
        onBlur={async () => {
          if (!editor.conflict && (await editor.commit())) setEditing(false);
        }}
        styles={{ input: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}
      />
      <FieldNotices editor={editor} display={(v) => v} />
    </Box>
  );
}

function KeyFacts({ ticket }: { ticket: Ticket }): ReactElement {
  const { t } = useTranslation('ticket');
  const format = useFormat();
  const contact = useContact(ticket.contactId).data;
  const organization = useOrganization(ticket.organizationId).data;
  const splitFrom = useOtherTicket(ticket.splitFromId).data;
  const sep = (
    <Text span c="gray.5" aria-hidden>
      ·
    </Text>
  );
  return (
    <Group gap={6} fz="xs" c="gray.7" wrap="wrap">
      {contact && (
        <Text size="xs" c="gray.9">
          {contact.name}
          {contact.vip ? ` (${t('customer.vip')})` : ''}
        </Text>
      )}
      {organization && (
        <Group gap={4}>
          <Text size="xs" c="gray.9">
            {organization.name}
          </Text>
          <TierBadge tier={organization.tier} size="sm" />
        </Group>
      )}
      {(contact || organization) && sep}
      <Text size="xs">{t(`channel.${ticket.channel}`, { defaultValue: ticket.channel })}</Text>
      {sep}
      <Text size="xs">
        {t('header.created')} <time dateTime={ticket.createdAt}>{format.dateTime(ticket.createdAt)}</time>
      </Text>
      {sep}
      <Text size="xs">
        {t('header.updated')}{' '}
        <time dateTime={ticket.updatedAt} title={format.dateTime(ticket.updatedAt)}>
          {format.ago(ticket.updatedAt)}
        </time>
      </Text>
      {ticket.reopenCount > 0 && (
        <>
          {sep}
          <Text size="xs">{t('header.reopened', { count: ticket.reopenCount })}</Text>
        </>
      )}
      {ticket.splitFromId && (
        <>
          {sep}
          <Text size="xs">
            {t('header.splitFrom')}{' '}
            <RouterAnchor to="/tickets/$ticketId" params={{ ticketId: ticket.splitFromId }} size="xs">
              {splitFrom?.number ?? '…'}
            </RouterAnchor>
          </Text>
        </>
      )}
    </Group>
  );
}

export function TicketHeader({
  onDialog,
  onAssignToMe,
  assigning,
}: {
  onDialog: (dialog: TicketDialog) => void;
  onAssignToMe: () => void;
  assigning: boolean;
}): ReactElement {
  const { t } = useTranslation('ticket');
  const { ticket } = useTicketEdit();
  const { agent } = useSession();
  const fieldLabel = useFieldLabel();
  const picklistOptions = usePicklistOptions();
  const agentOptions = useOwnerOptions({ current: ticket.ownerAgentId, groupIds: [ticket.ownerGroupId] });
  const groups = useGroups().data ?? [];
  const duplicate = useDuplicateTicket(ticket);
  const restore = useRestoreTicket(ticket);
  const mergedInto = useOtherTicket(ticket.mergedIntoId).data;
  const isAdmin = Boolean(agent?.admin);
  const mine = ticket.ownerAgentId !== null && ticket.ownerAgentId === agent?.id;

  return (
    <Paper withBorder p="sm" component="section" aria-label={t('header.title')}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Group gap="xs" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: 1 }}>
          <Text ff="monospace" c="gray.7" size="sm" style={{ whiteSpace: 'nowrap', lineHeight: '34px' }}>
            {ticket.number}
          </Text>
          <SubjectEditor />
        </Group>
        <Group gap={6} wrap="nowrap">
          <StatusBadge status={ticket.status} category={ticket.statusCategory} size="md" />
          <PriorityBadge ticket={ticket} />
        </Group>
      </Group>
      <Box mt={4}>
        <KeyFacts ticket={ticket} />
      </Box>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs" mt="xs">
        <SelectField
          field="status"
          label={fieldLabel('status')}
          data={picklistOptions('status', ticket.status)}
          read={(tk) => tk.status}
          toPatch={(v) => (v ? { status: v } : {})}
        />
        {'priority' in ticket && (
          <SelectField
            field="priority"
            label={fieldLabel('priority')}
            data={picklistOptions('priority', ticket.priority ?? null)}
            read={(tk) => tk.priority ?? null}
            toPatch={(v) => (v ? { priority: v } : {})}
          />
        )}
        <SelectField
          field="ownerAgentId"
          label={fieldLabel('ownerAgentId')}
          data={agentOptions}
          clearable
          searchable
          via="assign"
          read={(tk) => tk.ownerAgentId}
          toPatch={(v) => ({ ownerAgentId: v })}
        />
        <SelectField
          field="ownerGroupId"
          label={fieldLabel('ownerGroupId')}
          data={groups.map((g) => ({ value: g.id, label: g.name }))}
          clearable
          searchable
          via="assign"
          read={(tk) => tk.ownerGroupId}
          toPatch={(v) => ({ ownerGroupId: v })}
        />
      </SimpleGrid>
      <Group gap="xs" mt="xs">
        <Button
          variant="light"
          onClick={onAssignToMe}
          disabled={mine}
          loading={assigning}
          aria-keyshortcuts="a"
        >
          {mine ? t('actions.assignedToYou') : t('actions.assignToMe')}
        </Button>
        {!ticket.voidedAt && <ApplyMacroButton ticketId={ticket.id} departmentId={ticket.departmentId} />}
        <RouterButton
          variant="default"
          size="xs"
          to="/tickets/$ticketId/print"
          params={{ ticketId: ticket.id }}
        >
          {t('actions.print')}
        </RouterButton>
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button variant="default">{t('actions.more')}</Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => duplicate.mutate()} disabled={duplicate.isPending}>
              {t('actions.duplicate')}
            </Menu.Item>
            <Menu.Item onClick={() => onDialog('merge')} disabled={Boolean(ticket.mergedIntoId)}>
              {t('actions.merge')}…
            </Menu.Item>
            {!ticket.voidedAt && <Menu.Item onClick={() => onDialog('void')}>{t('actions.void')}…</Menu.Item>}
            {isAdmin && ticket.voidedAt && (
              <Menu.Item onClick={() => restore.mutate()}>{t('actions.restore')}</Menu.Item>
            )}
            {isAdmin && (
              <>
                <Menu.Divider />
                <Menu.Item color="red" onClick={() => onDialog('delete')}>
                  {t('actions.delete')}…
                </Menu.Item>
              </>
            )}
          </Menu.Dropdown>
        </Menu>
      </Group>
      {ticket.voidedAt && (
        <Alert color="gray" variant="light" p="xs" mt="xs" role="status" title={t('header.voidedTitle')}>
          <Group justify="space-between">
            <Text size="xs">{t('header.voidedExplain')}</Text>
            {isAdmin && (
              <Button size="compact-xs" onClick={() => restore.mutate()} loading={restore.isPending}>
                {t('actions.restore')}
              </Button>
            )}
          </Group>
        </Alert>
      )}
      {ticket.mergedIntoId && (
        <Alert
          color="indigo"
          variant="light"
          p="xs"
          mt="xs"
          role="status"
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          <Text size="sm">
            {t('header.mergedInto')}{' '}
            <RouterAnchor to="/tickets/$ticketId" params={{ ticketId: ticket.mergedIntoId }} fw={600}>
              {mergedInto?.number ?? '…'}
            </RouterAnchor>
          </Text>
        </Alert>
      )}
    </Paper>
  );
}
