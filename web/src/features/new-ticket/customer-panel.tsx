// Beside the new-ticket form: who the customer is (T10). The matches of what the agent typed, and
// for the chosen contact and organization their details and latest tickets.
import { Alert, Anchor, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, type ReactElement, type RefObject, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { useLanguageNames } from '../../app/language-names.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { useAgents } from '../../app/reference-data.ts';
import { StatusBadge } from '../../app/status-badge.tsx';
import { TierBadge, VipBadge } from '../customers/customer-badges.tsx';
import { type CustomerLookup, type LookupMode, useOrganization } from '../customers/customer-data.ts';
import type { OrganizationChoice } from '../customers/record-select.tsx';
import { fetchTicketsOf, type TicketOwnerKind } from '../customers/related-tickets.tsx';

export function CustomerPanel({
  query,
  lookup,
  lookupLoading,
  mode,
  contact,
  organization,
  matchesRef,
  onChooseContact,
  onChooseOrganization,
  onCreateContact,
  onBackToInput,
}: {
  /** The lookup text as sent (debounced, trimmed); empty when nothing is being looked up. */
  query: string;
  lookup: CustomerLookup | undefined;
  lookupLoading: boolean;
  mode: LookupMode | undefined;
  contact: Contact | null;
  organization: OrganizationChoice | null;
  matchesRef: RefObject<HTMLDivElement | null>;
  onChooseContact: (contact: CustomerLookup['contacts'][number]) => void;
  onChooseOrganization: (organization: OrganizationChoice) => void;
  onCreateContact: () => void;
  onBackToInput: () => void;
}): ReactElement {
  const { t } = useTranslation('newTicket');
  const titleId = useId();
  const nothingYet = !query && !contact && !organization;
  return (
    <Stack component="aside" aria-labelledby={titleId} gap="sm">
      <Title order={3} size="h5" id={titleId}>
        {t('panel.title')}
      </Title>
      {nothingYet && (
        <Text size="sm" c="gray.7">
          {mode === 'exact' ? t('panel.startExact') : t('panel.start')}
        </Text>
      )}
      {contact && <ChosenContact contact={contact} />}
      {organization && <ChosenOrganization id={organization.id} showTickets={!contact} />}
      {query && (
        <Matches
          query={query}
          lookup={lookup}
          loading={lookupLoading}
          mode={mode}
          chosenContactId={contact?.id}
          chosenOrganizationId={organization?.id}
          matchesRef={matchesRef}
          onChooseContact={onChooseContact}
          onChooseOrganization={onChooseOrganization}
          onCreateContact={onCreateContact}
          onBackToInput={onBackToInput}
        />
      )}
    </Stack>
  );
}

function ChosenContact({ contact }: { contact: Contact }): ReactElement {
  const { t } = useTranslation('newTicket');
  const languages = useLanguageNames();
  const headingId = useId();
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={headingId}>
      <Stack gap={6}>
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <Title order={4} size="h5" id={headingId}>
              {contact.name}
            </Title>
            {contact.vip && <VipBadge />}
          </Group>
          <RouterAnchor
            to="/contacts/$contactId"
            params={{ contactId: contact.id }}
            size="xs"
            target="_blank"
            rel="noopener"
          >
            {t('panel.openContact')}
          </RouterAnchor>
        </Group>
        <Detail label={t('panel.emails')} values={contact.emails} />
        <Detail label={t('panel.phones')} values={contact.phones} />
        <Detail label={t('panel.language')} values={[languages.name(contact.language)]} />
        {contact.notes && <Detail label={t('panel.notes')} values={[contact.notes]} />}
        <RecentTickets kind="contacts" id={contact.id} title={t('panel.contactTickets')} />
      </Stack>
    </Paper>
  );
}

function ChosenOrganization({ id, showTickets }: { id: string; showTickets: boolean }): ReactElement | null {
  const { t } = useTranslation('newTicket');
  const headingId = useId();
  const agents = useAgents().data ?? [];
  const organization = useOrganization(id).data;
  if (!organization) return null;
  const manager = agents.find((a) => a.id === organization.accountManagerId)?.name;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={headingId}>
      <Stack gap={6}>
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <Title order={4} size="h5" id={headingId}>
              {organization.name}
            </Title>
            <TierBadge tier={organization.tier} size="lg" />
          </Group>
          <RouterAnchor
            to="/organizations/$organizationId"
            params={{ organizationId: organization.id }}
            size="xs"
            target="_blank"
            rel="noopener"
          >
            {t('panel.openOrganization')}
          </RouterAnchor>
        </Group>
        {manager && <Detail label={t('panel.accountManager')} values={[manager]} />}
        <Detail label={t('panel.domains')} values={organization.emailDomains} />
        {organization.phone && <Detail label={t('panel.phones')} values={[organization.phone]} />}
        {organization.notes && <Detail label={t('panel.notes')} values={[organization.notes]} />}
        {showTickets && (
          <RecentTickets kind="organizations" id={organization.id} title={t('panel.organizationTickets')} />
        )}
      </Stack>
    </Paper>
  );
}

function Detail({ label, values }: { label: string; values: string[] }): ReactElement | null {
  if (values.length === 0) return null;
  return (
    <Text size="sm">
      <Text span size="sm" fw={600}>
        {label}:
      </Text>{' '}
      {values.join(', ')}
    </Text>
  );
}

function RecentTickets({
  kind,
  id,
  title,
  limit = 5,
}: {
  kind: TicketOwnerKind;
  id: string;
  title: string;
  limit?: number;
}): ReactElement {
  const { t } = useTranslation('newTicket');
  const format = useFormat();
  const headingId = useId();
  const recent = useQuery({
    queryKey: ['tickets', 'of', kind, id, 'recent', limit],
    queryFn: () => fetchTicketsOf(kind, id, limit),
  });
  const items = recent.data?.items ?? [];
  return (
    <section aria-labelledby={headingId}>
      <Text size="sm" fw={700} id={headingId} mt={4}>
        {title}
      </Text>
      {recent.isLoading && <Text size="sm">{t('common.loading')}</Text>}
      {recent.isSuccess && items.length === 0 && (
        <Text size="sm" c="gray.7">
          {t('panel.noTickets')}
        </Text>
      )}
      {items.length > 0 && (
        <List listStyleType="none" spacing={4} size="sm" aria-labelledby={headingId}>
          {items.map((ticket) => (
            <List.Item key={ticket.id}>
              <Group gap={6} wrap="nowrap" align="baseline">
                <Text size="xs" ff="monospace" c="gray.7" style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
                  {ticket.number}
                </Text>
                <RouterAnchor
                  to="/tickets/$ticketId"
                  params={{ ticketId: ticket.id }}
                  size="sm"
                  target="_blank"
                  rel="noopener"
                  lineClamp={1}
                  style={{ minWidth: 0, flex: 1 }}
                >
                  {ticket.subject}
                </RouterAnchor>
                <StatusBadge status={ticket.status} category={ticket.statusCategory} size="xs" />
                <Text
                  size="xs"
                  c="gray.7"
                  style={{ flexShrink: 0 }}
                  title={format.dateTime(ticket.createdAt)}
                >
                  {format.ago(ticket.createdAt)}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </section>
  );
}

/** Arrow keys move between the "Choose" buttons; Escape goes back to the lookup input. */
function moveFocus(e: KeyboardEvent<HTMLDivElement>, onBackToInput: () => void): void {
  const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-match]'));
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (e.key === 'ArrowDown' && at < buttons.length - 1) {
    e.preventDefault();
    buttons[at + 1]?.focus();
  } else if (e.key === 'ArrowUp') {
    e.preventDefault();
    if (at > 0) buttons[at - 1]?.focus();
    else onBackToInput();
  } else if (e.key === 'Escape') {
    e.preventDefault();
    onBackToInput();
  }
}

function Matches({
  query,
  lookup,
  loading,
  mode,
  chosenContactId,
  chosenOrganizationId,
  matchesRef,
  onChooseContact,
  onChooseOrganization,
  onCreateContact,
  onBackToInput,
}: {
  query: string;
  lookup: CustomerLookup | undefined;
  loading: boolean;
  mode: LookupMode | undefined;
  chosenContactId: string | undefined;
  chosenOrganizationId: string | undefined;
  matchesRef: RefObject<HTMLDivElement | null>;
  onChooseContact: (contact: CustomerLookup['contacts'][number]) => void;
  onChooseOrganization: (organization: OrganizationChoice) => void;
  onCreateContact: () => void;
  onBackToInput: () => void;
}): ReactElement {
  const { t } = useTranslation('newTicket');
  const languages = useLanguageNames();
  const headingId = useId();
  const contacts = (lookup?.contacts ?? []).filter((c) => c.id !== chosenContactId);
  const organizations = (lookup?.organizations ?? []).filter((o) => o.id !== chosenOrganizationId);
  const none = lookup && lookup.contacts.length === 0 && lookup.organizations.length === 0;
  return (
    <section aria-labelledby={headingId} aria-busy={loading}>
      <Text size="sm" fw={700} id={headingId}>
        {t('panel.matches', { query })}
      </Text>
      <div role="status" aria-live="polite">
        {none && (
          <Stack gap="xs" mt={4}>
            <Text size="sm">{t('panel.noMatches')}</Text>
            {mode === 'exact' && (
              <Alert variant="outline" color="gray.7" p="xs">
                <Text size="sm">{t('panel.exactHint')}</Text>
              </Alert>
            )}
          </Stack>
        )}
        {lookup && !none && (
          <Text size="xs" c="gray.7">
            {t('panel.found', {
              contacts: lookup.contacts.length,
              organizations: lookup.organizations.length,
            })}
          </Text>
        )}
      </div>
      <Stack gap="xs" mt="xs" ref={matchesRef} onKeyDown={(e) => moveFocus(e, onBackToInput)}>
        {contacts.map((c, index) => (
          <Paper key={c.id} withBorder p="xs">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    {c.name}
                  </Text>
                  {c.vip && <VipBadge size="xs" />}
                  <Text size="xs" c="gray.7">
                    {languages.name(c.language)}
                  </Text>
                </Group>
                {(c.emails.length > 0 || c.phones.length > 0) && (
                  <Text size="xs" c="gray.8" style={{ overflowWrap: 'anywhere' }}>
                    {[...c.emails, ...c.phones].join(' · ')}
                  </Text>
                )}
                {c.organization && (
                  <Group gap={6}>
                    <Text size="xs" c="gray.8">
                      {c.organization.name}
                    </Text>
                    <TierBadge tier={c.organization.tier} size="xs" />
                  </Group>
                )}
                {index === 0 && (
                  // The best match's history at once: often the caller is the first one.
                  <RecentTickets kind="contacts" id={c.id} title={t('panel.contactTickets')} limit={3} />
                )}
              </Stack>
              <Button
                size="compact-xs"
                variant="outline"
                style={{ flexShrink: 0 }}
                data-match
                aria-label={t('panel.chooseContact', { name: c.name })}
                onClick={() => onChooseContact(c)}
              >
                {t('panel.choose')}
              </Button>
            </Group>
          </Paper>
        ))}
        {organizations.map((o) => (
          <Paper key={o.id} withBorder p="xs">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    {o.name}
                  </Text>
                  <TierBadge tier={o.tier} size="xs" />
                </Group>
                {o.emailDomains.length > 0 && (
                  <Text size="xs" c="gray.8">
                    {o.emailDomains.join(', ')}
                  </Text>
                )}
              </Stack>
              <Button
                size="compact-xs"
                variant="outline"
                style={{ flexShrink: 0 }}
                data-match
                aria-label={t('panel.chooseOrganization', { name: o.name })}
                onClick={() => onChooseOrganization({ id: o.id, name: o.name, tier: o.tier })}
              >
                {t('panel.choose')}
              </Button>
            </Group>
          </Paper>
        ))}
        {lookup && (
          <Anchor component="button" type="button" size="sm" ta="left" data-match onClick={onCreateContact}>
            {t('panel.createContact', { query })}
          </Anchor>
        )}
      </Stack>
    </section>
  );
}
