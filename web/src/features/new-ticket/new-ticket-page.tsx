// One form for phone, chat, social and email-by-hand tickets, with customer lookup beside it (C4, T10).
import {
  Alert,
  Box,
  Button,
  CloseButton,
  Grid,
  Group,
  Input,
  Kbd,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type KeyboardEvent, type ReactElement, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Contact, type CustomField, type PicklistValue, unwrap } from '../../app/api-client.ts';
import { useOwnerOptions } from '../../app/owner-options.ts';
import { useGroups, usePicklists } from '../../app/reference-data.ts';
import { useSession } from '../../app/session.tsx';
import { ContactCreateForm } from '../customers/contact-create-form.tsx';
import { VipBadge } from '../customers/customer-badges.tsx';
import {
  customerKeys,
  type LookupContact,
  useFieldError,
  useLookupMode,
  useProblemText,
} from '../customers/customer-data.ts';
import { type OrganizationChoice, OrganizationSelect, ProductSelect } from '../customers/record-select.tsx';
import { StringsBoundary } from '../customers/strings-boundary.tsx';
import { CustomFieldInput, useLabelOf } from './custom-field-input.tsx';
import { CustomerPanel } from './customer-panel.tsx';
import {
  emptyDraft,
  guessContactField,
  MANUAL_CHANNELS,
  missingFields,
  type TicketDraft,
  toCreateBody,
} from './ticket-draft.ts';
import { singleExactMatch, UnchosenCustomerDialog } from './unchosen-customer.tsx';

export function NewTicketPage(): ReactElement {
  return (
    <StringsBoundary>
      <NewTicketLoader />
    </StringsBoundary>
  );
}

/** The form starts once the custom field definitions are here, so their defaults apply. */
function NewTicketLoader(): ReactElement {
  const { t } = useTranslation('newTicket');
  const fields = useQuery({
    queryKey: ['custom-fields'],
    queryFn: async () => unwrap(await api.GET('/api/v1/custom-fields')).items,
    staleTime: 5 * 60_000,
  });
  if (fields.isError) return <Text role="alert">{t('common.unexpectedError')}</Text>;
  if (!fields.data) return <Text size="sm">{t('common.loading')}</Text>;
  const active = fields.data.filter((f) => f.active).sort((a, b) => a.position - b.position);
  return <NewTicketForm fields={active} />;
}

/** Select options of a picklist's active values, labelled in the agent's language. */
function usePicklistOptions() {
  const lists = usePicklists().data;
  const labelOf = useLabelOf();
  return (name: string) =>
    (lists?.[name] ?? [])
      .filter((v: PicklistValue) => v.active)
      .sort((a: PicklistValue, b: PicklistValue) => a.position - b.position)
      .map((v: PicklistValue) => ({ value: v.key, label: labelOf(v.labels, v.key) }));
}

function NewTicketForm({ fields }: { fields: CustomField[] }): ReactElement {
  const { t } = useTranslation('newTicket');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { agent } = useSession();
  const timeZone = agent?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const lists = usePicklists().data;
  const options = usePicklistOptions();
  const groups = useGroups().data ?? [];
  const mode = useLookupMode().data;
  const titleId = useId();
  const channelLabelId = useId();

  const [draft, setDraft] = useState<TicketDraft>(() => emptyDraft(fields));
  const ownerOptions = useOwnerOptions({ groupIds: [draft.ownerGroupId] });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [lookupText, setLookupText] = useState('');
  const [creatingContact, setCreatingContact] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const lookupRef = useRef<HTMLInputElement>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const matchesRef = useRef<HTMLDivElement>(null);

  const set = <K extends keyof TicketDraft>(key: K, value: TicketDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setClientErrors((e) => {
      if (!(key in e)) return e;
      const { [key]: _gone, ...rest } = e;
      return rest;
    });
  };
  const setCustom = (key: string, value: unknown) => {
    setDraft((d) => ({ ...d, custom: { ...d.custom, [key]: value } }));
    setClientErrors((e) => {
      const name = `custom/${key}`;
      if (!(name in e)) return e;
      const { [name]: _gone, ...rest } = e;
      return rest;
    });
  };

  // Customer lookup: debounced, exactly or fuzzily as the administrator chose.
  const [debounced] = useDebouncedValue(lookupText.trim(), 300);
  const lookup = useQuery({
    queryKey: ['customers', 'lookup', debounced],
    enabled: debounced.length >= 2,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/customers/lookup', { params: { query: { q: debounced, limit: 8 } } })),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
  // Cleared text hides the matches at once, without waiting for the debounce.
  const lookupQuery = lookupText.trim().length >= 2 && debounced.length >= 2 ? debounced : '';

  const chooseContact = (contact: Contact, organization: OrganizationChoice | null) => {
    setDraft((d) => ({ ...d, contact, organization: organization ?? d.organization }));
    setLookupText('');
    setCreatingContact(false);
    subjectRef.current?.focus();
  };
  const chooseLookupContact = (c: LookupContact) => {
    const { organization, ...contact } = c;
    queryClient.setQueryData(customerKeys.contact(contact.id), contact);
    chooseContact(contact, organization);
  };
  const contactCreated = async (contact: Contact) => {
    let organization: OrganizationChoice | null = null;
    if (contact.organizationId) {
      const id = contact.organizationId;
      try {
        const o = await queryClient.fetchQuery({
          queryKey: customerKeys.organization(id),
          queryFn: async () =>
            unwrap(await api.GET('/api/v1/organizations/{id}', { params: { path: { id } } })),
        });
        organization = { id: o.id, name: o.name, tier: o.tier };
      } catch {
        // The contact is created; the organization field just stays as it was.
      }
    }
    notifications.show({ color: 'teal', message: t('contactCreated', { name: contact.name }) });
    chooseContact(contact, organization);
  };

  const create = useMutation({
    mutationFn: async (toCreate: TicketDraft) =>
      unwrap(await api.POST('/api/v1/tickets', { body: toCreateBody(toCreate, fields, timeZone) })),
    onSuccess: (ticket) => {
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      notifications.show({ color: 'teal', message: t('created', { number: ticket.number }) });
      void navigate({ to: '/tickets/$ticketId', params: { ticketId: ticket.id } });
    },
  });
  const serverError = useFieldError(create.error);
  const problemText = useProblemText();
  const errorOf = (field: string) => clientErrors[field] ?? serverError(field);

  const [focusInvalid, setFocusInvalid] = useState(0);
  useEffect(() => {
    if (focusInvalid) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);
  useEffect(() => {
    if (create.isError) setFocusInvalid((n) => n + 1);
  }, [create.isError]);

  const [askUnchosen, setAskUnchosen] = useState(false);
  const [checkingCustomer, setCheckingCustomer] = useState(false);
  const submit = async () => {
    if (create.isPending || checkingCustomer) return;
    const missing = missingFields(draft, fields);
    if (missing.length) {
      setClientErrors(Object.fromEntries(missing.map((f) => [f, t('errors.required')])));
      setFocusInvalid((n) => n + 1);
      return;
    }
    setClientErrors({});
    const typed = lookupText.trim();
    if (!draft.contact && typed) {
      // Typed but not chosen: the one exact match is meant; anything else is asked about.
      setCheckingCustomer(true);
      const found = await queryClient
        .fetchQuery({
          queryKey: ['customers', 'lookup', typed],
          queryFn: async () =>
            unwrap(await api.GET('/api/v1/customers/lookup', { params: { query: { q: typed, limit: 8 } } })),
          staleTime: 15_000,
        })
        .catch(() => null);
      setCheckingCustomer(false);
      const match = found ? singleExactMatch(typed, found.contacts) : null;
      if (!match) {
        setAskUnchosen(true);
        return;
      }
      const { organization, ...contact } = match;
      queryClient.setQueryData(customerKeys.contact(contact.id), contact);
      const next = { ...draft, contact, organization: draft.organization ?? organization };
      setDraft(next);
      setLookupText('');
      create.mutate(next);
      return;
    }
    create.mutate(draft);
  };
  // The document-level shortcut always calls the latest submit (with the latest draft).
  const submitRef = useRef(submit);
  submitRef.current = submit;
  useHotkeys([['mod+Enter', () => void submitRef.current()]], []);

  const ticketFields = [
    'subject',
    'description',
    'channel',
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
    'custom',
  ];
  const generalError =
    create.error && !ticketFields.some((f) => serverError(f)) ? problemText(create.error) : undefined;

  const defaultStatus =
    lists?.status?.find((v: PicklistValue) => v.active && v.category === 'new')?.key ?? null;
  const defaultPriority =
    lists?.priority?.find((v: PicklistValue) => v.active && v.key === 'normal')?.key ??
    lists?.priority?.find((v: PicklistValue) => v.active)?.key ??
    null;

  /** Enter in a one-line input does not send the ticket (only the button or Ctrl+Enter do). */
  const blockImplicitSubmit = (e: KeyboardEvent<HTMLFormElement>) => {
    const target = e.target as HTMLInputElement;
    if (
      e.key === 'Enter' &&
      !e.ctrlKey &&
      !e.metaKey &&
      target.tagName === 'INPUT' &&
      !['checkbox', 'radio', 'submit', 'button'].includes(target.type)
    ) {
      e.preventDefault();
    }
  };

  const prefill = guessContactField(lookupText);

  return (
    <Box component="section" aria-labelledby={titleId}>
      <Title order={2} size="h4" id={titleId} mb="sm">
        {t('title')}
      </Title>
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <form
            ref={formRef}
            noValidate
            aria-labelledby={titleId}
            onKeyDown={blockImplicitSubmit}
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <Stack gap="sm">
              <div>
                <Input.Label id={channelLabelId} component="span" size="xs">
                  {t('channel.label')}
                </Input.Label>
                <SegmentedControl
                  aria-labelledby={channelLabelId}
                  fullWidth
                  size="xs"
                  value={draft.channel}
                  onChange={(v) => set('channel', v as TicketDraft['channel'])}
                  data={MANUAL_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
                />
              </div>

              <Paper withBorder p="sm">
                <Stack gap="xs">
                  <TextInput
                    ref={lookupRef}
                    type="search"
                    label={t('customer.label')}
                    description={mode === 'exact' ? t('customer.hintExact') : t('customer.hint')}
                    autoFocus
                    value={lookupText}
                    onChange={(e) => setLookupText(e.currentTarget.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'ArrowDown') {
                        const first = matchesRef.current?.querySelector<HTMLElement>('[data-match]');
                        if (first) {
                          e.preventDefault();
                          first.focus();
                        }
                      }
                    }}
                  />
                  {draft.contact && (
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm">
                        {t('customer.contact')}:{' '}
                        <Text span fw={600} size="sm">
                          {draft.contact.name}
                        </Text>
                      </Text>
                      {draft.contact.vip && <VipBadge size="xs" />}
                      <CloseButton
                        size="sm"
                        aria-label={t('customer.removeContact', { name: draft.contact.name })}
                        onClick={() => set('contact', null)}
                      />
                    </Group>
                  )}
                  {serverError('contactId') && (
                    <Text size="xs" c="red" role="alert">
                      {serverError('contactId')}
                    </Text>
                  )}
                  {creatingContact ? (
                    <Paper p="xs" bg="gray.0" aria-label={t('customer.newContact')} role="group">
                      <Text size="sm" fw={700} mb={4}>
                        {t('customer.newContact')}
                      </Text>
                      <ContactCreateForm
                        initial={{ ...prefill, organization: draft.organization }}
                        onCreated={(c) => void contactCreated(c)}
                        onCancel={() => {
                          setCreatingContact(false);
                          lookupRef.current?.focus();
                        }}
                      />
                    </Paper>
                  ) : (
                    <Group>
                      <Button type="button" variant="default" onClick={() => setCreatingContact(true)}>
                        {t('customer.newContact')}
                      </Button>
                    </Group>
                  )}
                  <OrganizationSelect
                    label={t('customer.organization')}
                    value={draft.organization}
                    onChange={(o) => set('organization', o)}
                    error={serverError('organizationId')}
                  />
                </Stack>
              </Paper>

              <TextInput
                ref={subjectRef}
                label={t('field.subject')}
                withAsterisk
                aria-required
                value={draft.subject}
                onChange={(e) => set('subject', e.currentTarget.value)}
                error={errorOf('subject')}
                maxLength={500}
              />
              <Textarea
                label={t('field.description')}
                autosize
                minRows={5}
                maxRows={16}
                value={draft.description}
                onChange={(e) => set('description', e.currentTarget.value)}
                error={errorOf('description')}
              />

              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" verticalSpacing="xs">
                <Select
                  label={t('field.priority')}
                  data={options('priority')}
                  value={draft.priority ?? defaultPriority}
                  onChange={(v) => set('priority', v)}
                  allowDeselect={false}
                  error={errorOf('priority')}
                />
                <Select
                  label={t('field.status')}
                  data={options('status')}
                  value={draft.status ?? defaultStatus}
                  onChange={(v) => set('status', v)}
                  allowDeselect={false}
                  error={errorOf('status')}
                />
                <Select
                  label={t('field.severity')}
                  data={options('severity')}
                  value={draft.severity}
                  onChange={(v) => set('severity', v)}
                  clearable
                  error={errorOf('severity')}
                />
                <Select
                  label={t('field.category')}
                  data={options('category')}
                  value={draft.category}
                  onChange={(v) => set('category', v)}
                  clearable
                  error={errorOf('category')}
                />
                <Select
                  label={t('field.type')}
                  data={options('type')}
                  value={draft.type}
                  onChange={(v) => set('type', v)}
                  clearable
                  error={errorOf('type')}
                />
                <ProductSelect
                  label={t('field.product')}
                  value={draft.product}
                  onChange={(p) => set('product', p)}
                  error={errorOf('productId')}
                />
                <Select
                  label={t('field.ownerAgent')}
                  data={ownerOptions}
                  value={draft.ownerAgentId}
                  onChange={(v) => set('ownerAgentId', v)}
                  searchable
                  clearable
                  error={errorOf('ownerAgentId')}
                />
                <Select
                  label={t('field.ownerGroup')}
                  data={groups.map((g) => ({ value: g.id, label: g.name }))}
                  value={draft.ownerGroupId}
                  onChange={(v) => set('ownerGroupId', v)}
                  searchable
                  clearable
                  error={errorOf('ownerGroupId')}
                />
                {agent && draft.ownerAgentId !== agent.id && (
                  <Button
                    type="button"
                    variant="subtle"
                    mt="lg"
                    style={{ justifySelf: 'start' }}
                    onClick={() => set('ownerAgentId', agent.id)}
                  >
                    {t('field.assignToMe')}
                  </Button>
                )}
              </SimpleGrid>

              <TagsInput
                label={t('field.tags')}
                description={t('field.tagsHint')}
                value={draft.tags}
                onChange={(v) => set('tags', v)}
                error={errorOf('tags')}
              />

              {fields.length > 0 && (
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
                  {fields.map((f) => (
                    <Box key={f.id} style={f.type === 'long_text' ? { gridColumn: '1 / -1' } : undefined}>
                      <CustomFieldInput
                        field={f}
                        value={draft.custom[f.key]}
                        onChange={(v) => setCustom(f.key, v)}
                        error={errorOf(`custom/${f.key}`)}
                        timeZone={timeZone}
                      />
                    </Box>
                  ))}
                </SimpleGrid>
              )}

              {generalError && (
                <Alert color="red" variant="outline" role="alert" p="xs">
                  {generalError}
                </Alert>
              )}
              <Group gap="sm">
                <Button type="submit" size="sm" loading={create.isPending || checkingCustomer}>
                  {t('submit')}
                </Button>
                <Text size="xs" c="gray.7">
                  <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd>
                </Text>
              </Group>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Box pos="sticky" top={60}>
            <CustomerPanel
              query={lookupQuery}
              lookup={lookupQuery ? lookup.data : undefined}
              lookupLoading={lookup.isFetching}
              mode={mode}
              contact={draft.contact}
              organization={draft.organization}
              matchesRef={matchesRef}
              onChooseContact={chooseLookupContact}
              onChooseOrganization={(o) => {
                set('organization', o);
                setLookupText('');
                subjectRef.current?.focus();
              }}
              onCreateContact={() => setCreatingContact(true)}
              onBackToInput={() => lookupRef.current?.focus()}
            />
          </Box>
        </Grid.Col>
      </Grid>
      <UnchosenCustomerDialog
        text={lookupText.trim()}
        opened={askUnchosen}
        onCreateWithout={() => {
          setAskUnchosen(false);
          create.mutate(draft);
        }}
        onChoose={() => {
          setAskUnchosen(false);
          lookupRef.current?.focus();
        }}
      />
    </Box>
  );
}
