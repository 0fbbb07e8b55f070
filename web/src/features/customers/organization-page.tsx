// One organization: its details (tier first), editable by any agent, its contacts and its tickets.
import { Button, Select, Stack, Table, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactElement, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Organization, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { useLanguageNames } from '../../app/language-names.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { useAgents } from '../../app/reference-data.ts';
import { TierBadge, VipBadge } from './customer-badges.tsx';
import {
  customerKeys,
  type OrganizationTier,
  orNull,
  TIERS,
  useFieldError,
  useOrganization,
} from './customer-data.ts';
import { RecordLayout, RecordStatus, SaveRow } from './record-layout.tsx';
import { FirstOf } from './record-list.tsx';
import { RelatedTickets } from './related-tickets.tsx';
import { StringsBoundary } from './strings-boundary.tsx';

const organizationRoute = getRouteApi('/app/organizations/$organizationId');

export function OrganizationPage(): ReactElement {
  return (
    <StringsBoundary>
      <OrganizationView />
    </StringsBoundary>
  );
}

function OrganizationView(): ReactElement {
  const { t } = useTranslation('customers');
  const { organizationId } = organizationRoute.useParams();
  const organization = useOrganization(organizationId);
  const titleId = useId();
  const contactsId = useId();
  const ticketsId = useId();
  if (!organization.data) return <RecordStatus error={organization.error} />;
  return (
    <RecordLayout
      titleId={titleId}
      title={organization.data.name}
      back={
        <RouterAnchor to="/organizations" size="sm">
          ← {t('organizations.title')}
        </RouterAnchor>
      }
      badges={<TierBadge tier={organization.data.tier} size="lg" />}
      fields={<OrganizationEditor key={organization.data.updatedAt} organization={organization.data} />}
    >
      <section aria-labelledby={contactsId}>
        <Title order={3} size="h5" id={contactsId} mb="xs">
          {t('organization.contacts')}
        </Title>
        <OrganizationContacts organizationId={organizationId} labelledBy={contactsId} />
      </section>
      <section aria-labelledby={ticketsId}>
        <Title order={3} size="h5" id={ticketsId} mb="xs">
          {t('tickets.ofOrganization')}
        </Title>
        <RelatedTickets kind="organizations" id={organizationId} labelledBy={ticketsId} />
      </section>
    </RecordLayout>
  );
}

function OrganizationContacts({
  organizationId,
  labelledBy,
}: {
  organizationId: string;
  labelledBy: string;
}): ReactElement {
  const { t } = useTranslation('customers');
  const languages = useLanguageNames();
  const list = useInfiniteQuery({
    queryKey: [...customerKeys.contacts, 'of', organizationId],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/contacts', {
          params: { query: { organizationId, limit: 25, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isError) return <Text role="alert">{t('common.unexpectedError')}</Text>;
  if (!list.isLoading && rows.length === 0) {
    return (
      <Text size="sm" c="gray.7">
        {t('organization.noContacts')}
      </Text>
    );
  }
  return (
    <>
      <Table striped highlightOnHover verticalSpacing={4} fz="sm" aria-labelledby={labelledBy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('contact.name')}</Table.Th>
            <Table.Th>{t('contact.email')}</Table.Th>
            <Table.Th>{t('contact.phone')}</Table.Th>
            <Table.Th>{t('contact.language')}</Table.Th>
            <Table.Th>{t('contact.vip')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <RouterAnchor to="/contacts/$contactId" params={{ contactId: c.id }} size="sm">
                  {c.name}
                </RouterAnchor>
              </Table.Td>
              <Table.Td>
                <FirstOf values={c.emails} />
              </Table.Td>
              <Table.Td>
                <FirstOf values={c.phones} />
              </Table.Td>
              <Table.Td>{languages.name(c.language)}</Table.Td>
              <Table.Td>{c.vip ? <VipBadge size="xs" /> : ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.hasNextPage && (
        <Button
          variant="subtle"
          mt="xs"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          {t('list.more')}
        </Button>
      )}
    </>
  );
}

function OrganizationEditor({ organization }: { organization: Organization }): ReactElement {
  const { t } = useTranslation('customers');
  const format = useFormat();
  const queryClient = useQueryClient();
  const agents = useAgents().data ?? [];
  const [name, setName] = useState(organization.name);
  const [tier, setTier] = useState<OrganizationTier>(organization.tier);
  const [emailDomains, setEmailDomains] = useState(organization.emailDomains);
  const [accountManagerId, setAccountManagerId] = useState(organization.accountManagerId);
  const [phone, setPhone] = useState(organization.phone ?? '');
  const [website, setWebsite] = useState(organization.website ?? '');
  const [notes, setNotes] = useState(organization.notes);
  const dirty =
    name !== organization.name ||
    tier !== organization.tier ||
    emailDomains.join('\n') !== organization.emailDomains.join('\n') ||
    accountManagerId !== organization.accountManagerId ||
    orNull(phone) !== organization.phone ||
    orNull(website) !== organization.website ||
    notes !== organization.notes;

  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/organizations/{id}', {
          params: { path: { id: organization.id } },
          body: {
            name: name.trim(),
            tier,
            emailDomains,
            accountManagerId,
            phone: orNull(phone),
            website: orNull(website),
            notes,
          },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(customerKeys.organization(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: customerKeys.organizations });
      notifications.show({ color: 'teal', message: t('actions.saved') });
    },
  });
  const fieldError = useFieldError(save.error);
  const fields = ['name', 'tier', 'emailDomains', 'accountManagerId', 'phone', 'website', 'notes'];
  const managerChoices = agents
    .filter((a) => a.active || a.id === accountManagerId)
    .map((a) => ({ value: a.id, label: a.name }));

  return (
    <form
      aria-label={t('organization.details')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="xs">
        <TextInput
          label={t('organization.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError('name')}
        />
        <Select
          label={t('organization.tier')}
          data={TIERS.map((v) => ({ value: v, label: t(`tier.${v}`) }))}
          value={tier}
          onChange={(v) => v && setTier(v as OrganizationTier)}
          allowDeselect={false}
          error={fieldError('tier')}
        />
        <TagsInput
          label={t('organization.emailDomains')}
          description={t('organization.emailDomainsHint')}
          value={emailDomains}
          onChange={setEmailDomains}
          error={fieldError('emailDomains')}
        />
        <Select
          label={t('organization.accountManager')}
          data={managerChoices}
          value={accountManagerId}
          onChange={setAccountManagerId}
          searchable
          clearable
          error={fieldError('accountManagerId')}
        />
        <TextInput
          label={t('organization.phone')}
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={fieldError('phone')}
        />
        <TextInput
          label={t('organization.website')}
          type="url"
          value={website}
          onChange={(e) => setWebsite(e.currentTarget.value)}
          error={fieldError('website')}
        />
        <Textarea
          label={t('organization.notes')}
          autosize
          minRows={3}
          maxRows={12}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={fieldError('notes')}
        />
        <SaveRow
          dirty={dirty}
          saving={save.isPending}
          error={save.error}
          shownBeside={fields.some((f) => fieldError(f))}
        />
        <Text size="xs" c="gray.7">
          {t('record.dates', {
            created: format.dateTime(organization.createdAt),
            updated: format.dateTime(organization.updatedAt),
          })}
        </Text>
      </Stack>
    </form>
  );
}
