// Who the ticket is for (T10): the contact, their organization with its tier up front, and their
// other tickets.
import { Anchor, Badge, Box, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization, Ticket } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { useLanguageNames } from '../../app/language-names.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { usePicklistLabel } from '../../app/reference-data.ts';
import { useContact, useCustomerTickets, useOrganization } from './ticket-data.ts';

const TIER_STYLE: Record<string, { color: string; variant: 'filled' | 'outline' }> = {
  vip: { color: 'red.9', variant: 'filled' },
  high_value: { color: 'grape.9', variant: 'filled' },
  standard: { color: 'gray.7', variant: 'outline' },
};

export function TierBadge({ tier, size = 'lg' }: { tier: Organization['tier']; size?: 'sm' | 'lg' }) {
  const { t } = useTranslation('ticket');
  const style = TIER_STYLE[tier] ?? TIER_STYLE.standard!;
  return (
    <Badge size={size} radius="sm" color={style.color} variant={style.variant} data-tier={tier}>
      {t(`tier.${tier}`, { defaultValue: tier })}
    </Badge>
  );
}

function Row({ label, children }: { label: string; children: ReactElement | ReactElement[] | string }) {
  return (
    <Box>
      <Text size="xs" c="gray.7" fw={600}>
        {label}
      </Text>
      <Box fz="sm">{children}</Box>
    </Box>
  );
}

function OtherTickets({
  kind,
  id,
  ticket,
}: {
  kind: 'contacts' | 'organizations';
  id: string;
  ticket: Ticket;
}) {
  const { t } = useTranslation('ticket');
  const format = useFormat();
  const label = usePicklistLabel();
  const list = useCustomerTickets(kind, id);
  const others = (list.data?.items ?? []).filter((x) => x.id !== ticket.id).slice(0, 10);
  return (
    <Box>
      <Title order={4} size="h6" mb={4}>
        {kind === 'contacts' ? t('customer.contactTickets') : t('customer.organizationTickets')}
      </Title>
      {list.isSuccess && others.length === 0 && (
        <Text size="xs" c="gray.7">
          {t('customer.noOtherTickets')}
        </Text>
      )}
      <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {others.map((x) => (
          <li key={x.id}>
            <Text size="xs" lineClamp={1}>
              <RouterAnchor to="/tickets/$ticketId" params={{ ticketId: x.id }} size="xs">
                {x.number} · {x.subject}
              </RouterAnchor>
            </Text>
            <Text size="xs" c="gray.7">
              {label('status', x.status)} · {format.dateTime(x.createdAt)}
            </Text>
          </li>
        ))}
      </Stack>
      {list.data?.nextCursor && (
        <RouterAnchor
          to={kind === 'contacts' ? '/contacts/$contactId' : '/organizations/$organizationId'}
          params={kind === 'contacts' ? { contactId: id } : { organizationId: id }}
          size="xs"
        >
          {t('customer.allTickets')}
        </RouterAnchor>
      )}
    </Box>
  );
}

export function CustomerPanel({ ticket }: { ticket: Ticket }): ReactElement {
  const { t } = useTranslation('ticket');
  const languages = useLanguageNames();
  const contact = useContact(ticket.contactId).data;
  const organization = useOrganization(ticket.organizationId).data;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="customer-panel-title">
      <Title order={3} size="h6" id="customer-panel-title" mb="xs">
        {t('customer.title')}
      </Title>
      {!ticket.contactId && !ticket.organizationId && (
        <Text size="sm" c="gray.7">
          {t('customer.none')}
        </Text>
      )}
      <Stack gap="sm">
        {organization && (
          <Box>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Box>
                <Text size="xs" c="gray.7" fw={600}>
                  {t('customer.organization')}
                </Text>
                <RouterAnchor
                  to="/organizations/$organizationId"
                  params={{ organizationId: organization.id }}
                  fw={600}
                  size="sm"
                >
                  {organization.name}
                </RouterAnchor>
              </Box>
              <Box ta="right">
                <Text size="xs" c="gray.7" fw={600}>
                  {t('customer.tier')}
                </Text>
                <TierBadge tier={organization.tier} />
              </Box>
            </Group>
            {organization.phone && (
              <Text size="xs" mt={2}>
                <Anchor href={`tel:${organization.phone}`} size="xs">
                  {organization.phone}
                </Anchor>
              </Text>
            )}
            {organization.website && (
              <Text size="xs">
                {/* Only http(s) becomes a link: a website saved before the server checked could be javascript:. */}
                {/^https?:\/\//i.test(organization.website) ? (
                  <Anchor href={organization.website} target="_blank" rel="noreferrer noopener" size="xs">
                    {organization.website}
                  </Anchor>
                ) : (
                  organization.website
                )}
              </Text>
            )}
          </Box>
        )}
        {contact && (
          <Stack gap={6}>
            {organization && <Divider />}
            <Group gap="xs" wrap="nowrap">
              <Box style={{ minWidth: 0 }}>
                <Text size="xs" c="gray.7" fw={600}>
                  {t('customer.contact')}
                </Text>
                <RouterAnchor to="/contacts/$contactId" params={{ contactId: contact.id }} fw={600} size="sm">
                  {contact.name}
                </RouterAnchor>
              </Box>
              {contact.vip && (
                <Badge color="red.9" variant="filled" radius="sm">
                  {t('customer.vip')}
                </Badge>
              )}
            </Group>
            {contact.emails.length > 0 && (
              <Row label={t('customer.emails')}>
                {contact.emails.map((e) => (
                  <Text key={e} size="xs" style={{ overflowWrap: 'anywhere' }}>
                    <Anchor href={`mailto:${e}`} size="xs">
                      {e}
                    </Anchor>
                  </Text>
                ))}
              </Row>
            )}
            {contact.phones.length > 0 && (
              <Row label={t('customer.phones')}>
                {contact.phones.map((p) => (
                  <Text key={p} size="xs">
                    <Anchor href={`tel:${p}`} size="xs">
                      {p}
                    </Anchor>
                  </Text>
                ))}
              </Row>
            )}
            <Row label={t('customer.language')}>{languages.name(contact.language)}</Row>
            {contact.notes && (
              <Row label={t('customer.notes')}>
                <Text size="xs" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                  {contact.notes}
                </Text>
              </Row>
            )}
          </Stack>
        )}
        {ticket.contactId ? (
          <OtherTickets kind="contacts" id={ticket.contactId} ticket={ticket} />
        ) : ticket.organizationId ? (
          <OtherTickets kind="organizations" id={ticket.organizationId} ticket={ticket} />
        ) : null}
      </Stack>
    </Paper>
  );
}
