// One contact: their details, editable by any agent, and their tickets.
import { Checkbox, Select, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactElement, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Contact, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { useLanguageNames } from '../../app/language-names.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { TierBadge, VipBadge } from './customer-badges.tsx';
import {
  type ContactLanguage,
  customerKeys,
  useContact,
  useFieldError,
  useOrganization,
} from './customer-data.ts';
import { RecordLayout, RecordStatus, SaveRow } from './record-layout.tsx';
import { type OrganizationChoice, OrganizationSelect } from './record-select.tsx';
import { RelatedTickets } from './related-tickets.tsx';
import { StringsBoundary } from './strings-boundary.tsx';

const contactRoute = getRouteApi('/app/contacts/$contactId');

export function ContactPage(): ReactElement {
  return (
    <StringsBoundary>
      <ContactView />
    </StringsBoundary>
  );
}

function ContactView(): ReactElement {
  const { t } = useTranslation('customers');
  const { contactId } = contactRoute.useParams();
  const contact = useContact(contactId);
  const organization = useOrganization(contact.data?.organizationId);
  const titleId = useId();
  const ticketsId = useId();
  if (!contact.data) return <RecordStatus error={contact.error} />;
  // The organization field needs the organization's name before the editor starts.
  const organizationReady = !contact.data.organizationId || organization.data || organization.isError;
  return (
    <RecordLayout
      titleId={titleId}
      title={contact.data.name}
      back={
        <RouterAnchor to="/contacts" size="sm">
          ← {t('contacts.title')}
        </RouterAnchor>
      }
      badges={
        <>
          {contact.data.vip && <VipBadge />}
          {organization.data && (
            <>
              <RouterAnchor
                to="/organizations/$organizationId"
                params={{ organizationId: organization.data.id }}
                size="sm"
              >
                {organization.data.name}
              </RouterAnchor>
              <TierBadge tier={organization.data.tier} />
            </>
          )}
        </>
      }
      fields={
        organizationReady ? (
          <ContactEditor
            key={contact.data.updatedAt}
            contact={contact.data}
            organization={
              organization.data
                ? { id: organization.data.id, name: organization.data.name, tier: organization.data.tier }
                : null
            }
          />
        ) : null
      }
    >
      <section aria-labelledby={ticketsId}>
        <Title order={3} size="h5" id={ticketsId} mb="xs">
          {t('tickets.ofContact')}
        </Title>
        <RelatedTickets kind="contacts" id={contactId} labelledBy={ticketsId} />
      </section>
    </RecordLayout>
  );
}

function ContactEditor({
  contact,
  organization: initialOrganization,
}: {
  contact: Contact;
  organization: OrganizationChoice | null;
}): ReactElement {
  const { t } = useTranslation('customers');
  const languages = useLanguageNames();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [name, setName] = useState(contact.name);
  const [emails, setEmails] = useState(contact.emails);
  const [phones, setPhones] = useState(contact.phones);
  const [organization, setOrganization] = useState(initialOrganization);
  const [language, setLanguage] = useState<ContactLanguage>(contact.language);
  const [vip, setVip] = useState(contact.vip);
  const [notes, setNotes] = useState(contact.notes);
  const dirty =
    name !== contact.name ||
    emails.join('\n') !== contact.emails.join('\n') ||
    phones.join('\n') !== contact.phones.join('\n') ||
    (organization?.id ?? null) !== contact.organizationId ||
    language !== contact.language ||
    vip !== contact.vip ||
    notes !== contact.notes;

  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/contacts/{id}', {
          params: { path: { id: contact.id } },
          body: {
            name: name.trim(),
            emails,
            phones,
            organizationId: organization?.id ?? null,
            language,
            vip,
            notes,
          },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(customerKeys.contact(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: customerKeys.contacts });
      notifications.show({ color: 'teal', message: t('actions.saved') });
    },
  });
  const fieldError = useFieldError(save.error);
  const fields = ['name', 'emails', 'phones', 'organizationId', 'language', 'vip', 'notes'];

  return (
    <form
      aria-label={t('contact.details')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="xs">
        <TextInput
          label={t('contact.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError('name')}
        />
        <TagsInput
          label={t('contact.emails')}
          description={t('contact.listHint')}
          value={emails}
          onChange={setEmails}
          error={fieldError('emails')}
        />
        <TagsInput
          label={t('contact.phones')}
          description={t('contact.listHint')}
          value={phones}
          onChange={setPhones}
          error={fieldError('phones')}
        />
        <OrganizationSelect
          label={t('contact.organization')}
          value={organization}
          onChange={setOrganization}
          error={fieldError('organizationId')}
        />
        <Select
          label={t('contact.language')}
          data={languages.options}
          value={language}
          onChange={(v) => v && setLanguage(v as ContactLanguage)}
          allowDeselect={false}
          error={fieldError('language')}
        />
        <Checkbox
          label={t('contact.vip')}
          checked={vip}
          onChange={(e) => setVip(e.currentTarget.checked)}
          error={fieldError('vip')}
        />
        <Textarea
          label={t('contact.notes')}
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
            created: format.dateTime(contact.createdAt),
            updated: format.dateTime(contact.updatedAt),
          })}
        </Text>
      </Stack>
    </form>
  );
}
