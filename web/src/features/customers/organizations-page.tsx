// Organizations list: search by name or email domain; create an organization.
import { Alert, Button, Group, Modal, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Organization, unwrap } from '../../app/api-client.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { useAgents } from '../../app/reference-data.ts';
import { TierBadge } from './customer-badges.tsx';
import {
  customerKeys,
  type OrganizationTier,
  TIERS,
  useFieldError,
  useProblemText,
} from './customer-data.ts';
import { FirstOf, RecordList } from './record-list.tsx';
import { StringsBoundary } from './strings-boundary.tsx';

export function OrganizationsPage(): ReactElement {
  return (
    <StringsBoundary>
      <Organizations />
    </StringsBoundary>
  );
}

function Organizations(): ReactElement {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  const agents = useAgents().data ?? [];
  const [creating, { open, close }] = useDisclosure(false);
  return (
    <>
      <RecordList<Organization>
        title={t('organizations.title')}
        searchLabel={t('organizations.search')}
        emptyText={t('organizations.empty')}
        queryKey={customerKeys.organizations}
        fetchPage={async (q, cursor) =>
          unwrap(
            await api.GET('/api/v1/organizations', {
              params: { query: { ...(q ? { q } : {}), limit: 50, ...(cursor ? { cursor } : {}) } },
            }),
          )
        }
        actions={<Button onClick={open}>{t('organizations.new')}</Button>}
        columns={[
          {
            header: t('organization.name'),
            cell: (o) => (
              <RouterAnchor to="/organizations/$organizationId" params={{ organizationId: o.id }} size="sm">
                {o.name}
              </RouterAnchor>
            ),
          },
          { header: t('organization.tier'), cell: (o) => <TierBadge tier={o.tier} size="xs" /> },
          { header: t('organization.emailDomains'), cell: (o) => <FirstOf values={o.emailDomains} /> },
          { header: t('organization.phone'), cell: (o) => o.phone ?? '—' },
          {
            header: t('organization.accountManager'),
            cell: (o) => agents.find((a) => a.id === o.accountManagerId)?.name ?? '—',
          },
        ]}
      />
      <Modal opened={creating} onClose={close} title={t('organizations.new')}>
        <OrganizationCreateForm
          onCancel={close}
          onCreated={(organization) => {
            close();
            void navigate({
              to: '/organizations/$organizationId',
              params: { organizationId: organization.id },
            });
          }}
        />
      </Modal>
    </>
  );
}

function OrganizationCreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (organization: Organization) => void;
  onCancel: () => void;
}): ReactElement {
  const { t } = useTranslation('customers');
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [tier, setTier] = useState<OrganizationTier>('standard');
  const [emailDomains, setEmailDomains] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/organizations', { body: { name: name.trim(), tier, emailDomains } })),
    onSuccess: (organization) => {
      queryClient.setQueryData(customerKeys.organization(organization.id), organization);
      void queryClient.invalidateQueries({ queryKey: customerKeys.organizations });
      onCreated(organization);
    },
  });
  const fieldError = useFieldError(create.error);
  const problemText = useProblemText();
  const shownBeside = ['name', 'tier', 'emailDomains'].some((f) => fieldError(f));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Stack gap="xs">
        <TextInput
          label={t('organization.name')}
          required
          data-autofocus
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
        {create.error && !shownBeside && (
          <Alert color="red" variant="outline" role="alert" p="xs">
            {problemText(create.error)}
          </Alert>
        )}
        <Group gap="xs">
          <Button type="submit" loading={create.isPending}>
            {t('organization.create')}
          </Button>
          <Button type="button" variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
