// Creates a contact: name, email, phone, organization, language. Not a <form> of its own, so it
// can sit inside the new-ticket form; Enter or Ctrl+Enter in it creates the contact.
import { Alert, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Contact, unwrap } from '../../app/api-client.ts';
import { useLanguageNames } from '../../app/language-names.ts';
import { type ContactLanguage, customerKeys, useFieldError, useProblemText } from './customer-data.ts';
import { type OrganizationChoice, OrganizationSelect } from './record-select.tsx';

export interface ContactDraft {
  name: string;
  email: string;
  phone: string;
  organization: OrganizationChoice | null;
}

export function ContactCreateForm({
  initial,
  onCreated,
  onCancel,
  autoFocus = true,
}: {
  initial?: Partial<ContactDraft>;
  onCreated: (contact: Contact) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}): ReactElement {
  const { t } = useTranslation('customers');
  const languages = useLanguageNames();
  const queryClient = useQueryClient();
  const [name, setName] = useState(initial?.name ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [phone, setPhone] = useState(initial?.phone ?? '');
  const [organization, setOrganization] = useState<OrganizationChoice | null>(initial?.organization ?? null);
  const [language, setLanguage] = useState<ContactLanguage | null>(null);
  const [nameMissing, setNameMissing] = useState(false);

  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/contacts', {
          body: {
            name: name.trim(),
            ...(email.trim() ? { emails: [email.trim()] } : {}),
            ...(phone.trim() ? { phones: [phone.trim()] } : {}),
            // Without an organization the server links the one owning the email's domain.
            ...(organization ? { organizationId: organization.id } : {}),
            ...(language ? { language } : {}),
          },
        }),
      ),
    onSuccess: (contact) => {
      queryClient.setQueryData(customerKeys.contact(contact.id), contact);
      void queryClient.invalidateQueries({ queryKey: customerKeys.contacts });
      onCreated(contact);
    },
  });
  const fieldError = useFieldError(create.error);
  const problemText = useProblemText();

  const submit = () => {
    if (!name.trim()) {
      setNameMissing(true);
      return;
    }
    setNameMissing(false);
    create.mutate();
  };
  /** Enter or Ctrl+Enter here creates the contact, never the surrounding ticket. */
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || e.defaultPrevented) return;
    const inInput = (e.target as HTMLElement).tagName === 'INPUT';
    if (!inInput && !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    e.stopPropagation();
    submit();
  };
  const shownBeside = ['name', 'emails', 'phones', 'organizationId', 'language'].some((f) => fieldError(f));
  const otherError = create.error && !shownBeside ? problemText(create.error) : undefined;

  return (
    <Stack gap="xs" onKeyDown={onKeyDown}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
        <TextInput
          label={t('contact.name')}
          required
          data-autofocus={autoFocus || undefined}
          autoFocus={autoFocus}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={nameMissing ? t('errors.required') : fieldError('name')}
        />
        <TextInput
          label={t('contact.email')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError('emails')}
        />
        <TextInput
          label={t('contact.phone')}
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
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
          onChange={(v) => setLanguage(v as ContactLanguage | null)}
          clearable
          error={fieldError('language')}
        />
      </SimpleGrid>
      {otherError && (
        <Alert color="red" variant="outline" role="alert" p="xs">
          {otherError}
        </Alert>
      )}
      <Group gap="xs">
        <Button type="button" onClick={submit} loading={create.isPending}>
          {t('contact.create')}
        </Button>
        {onCancel && (
          <Button type="button" variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
