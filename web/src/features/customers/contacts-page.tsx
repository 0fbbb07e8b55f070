// Contacts list: search by name, email or phone; create a contact.
import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Contact, unwrap } from '../../app/api-client.ts';
import { useLanguageNames } from '../../app/language-names.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { ContactCreateForm } from './contact-create-form.tsx';
import { VipBadge } from './customer-badges.tsx';
import { customerKeys } from './customer-data.ts';
import { OrganizationLink } from './organization-link.tsx';
import { FirstOf, RecordList } from './record-list.tsx';
import { StringsBoundary } from './strings-boundary.tsx';

export function ContactsPage(): ReactElement {
  return (
    <StringsBoundary>
      <Contacts />
    </StringsBoundary>
  );
}

function Contacts(): ReactElement {
  const { t } = useTranslation('customers');
  const languages = useLanguageNames();
  const navigate = useNavigate();
  const [creating, { open, close }] = useDisclosure(false);
  return (
    <>
      <RecordList<Contact>
        title={t('contacts.title')}
        searchLabel={t('contacts.search')}
        emptyText={t('contacts.empty')}
        queryKey={customerKeys.contacts}
        fetchPage={async (q, cursor) =>
          unwrap(
            await api.GET('/api/v1/contacts', {
              params: { query: { ...(q ? { q } : {}), limit: 50, ...(cursor ? { cursor } : {}) } },
            }),
          )
        }
        actions={<Button onClick={open}>{t('contacts.new')}</Button>}
        columns={[
          {
            header: t('contact.name'),
            cell: (c) => (
              <RouterAnchor to="/contacts/$contactId" params={{ contactId: c.id }} size="sm">
                {c.name}
              </RouterAnchor>
            ),
          },
          { header: t('contact.email'), cell: (c) => <FirstOf values={c.emails} /> },
          { header: t('contact.phone'), cell: (c) => <FirstOf values={c.phones} /> },
          {
            header: t('contact.organization'),
            cell: (c) => (c.organizationId ? <OrganizationLink id={c.organizationId} withTier /> : '—'),
          },
          {
            header: t('contact.language'),
            cell: (c) => languages.name(c.language),
          },
          { header: t('contact.vip'), cell: (c) => (c.vip ? <VipBadge size="xs" /> : '') },
        ]}
      />
      <Modal opened={creating} onClose={close} title={t('contacts.new')} size="lg">
        <ContactCreateForm
          onCancel={close}
          onCreated={(contact) => {
            close();
            void navigate({ to: '/contacts/$contactId', params: { contactId: contact.id } });
          }}
        />
      </Modal>
    </>
  );
}
