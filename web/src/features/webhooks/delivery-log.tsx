// A webhook's delivery log, newest first: status, event, the answer's code and time, attempts;
// a row opens to its error and the first 1 KB of the answer, and can be sent again.
import { Badge, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Fragment, type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, messageOf } from '../../app/admin-frame.tsx';
import { api, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { useEventLabel } from './event-label.ts';
import {
  type Delivery,
  STATUS_COLORS,
  useDeliveries,
  useWebhookRefresh,
  type Webhook,
} from './webhook-data.ts';

export function DeliveryStatusBadge({ status }: { status: Delivery['status'] }): ReactElement {
  const { t } = useTranslation('webhooks');
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} tt="none" data-testid="delivery-status">
      {t(`status.${status}`)}
    </Badge>
  );
}

export function DeliveryDetails({ delivery }: { delivery: Delivery }): ReactElement {
  const { t } = useTranslation('webhooks');
  return (
    <Stack gap={4}>
      {delivery.error && (
        <Text size="sm">
          <Text span fw={600}>
            {t('log.error')}:{' '}
          </Text>
          {delivery.error}
        </Text>
      )}
      <Text size="sm" fw={600}>
        {t('log.excerpt')}
      </Text>
      <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {delivery.responseExcerpt || t('log.noExcerpt')}
      </Code>
    </Stack>
  );
}

function DeliveryRow({ webhook, delivery }: { webhook: Webhook; delivery: Delivery }): ReactElement {
  const { t } = useTranslation('webhooks');
  const format = useFormat();
  const label = useEventLabel();
  const refresh = useWebhookRefresh();
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const resend = async () => {
    setSending(true);
    try {
      unwrap(
        await api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/resend', {
          params: { path: { id: webhook.id, deliveryId: delivery.id } },
          body: {},
        }),
      );
      notifications.show({ color: 'teal', message: t('log.resent') });
      await refresh();
    } catch (err) {
      notifications.show({ color: 'red', message: messageOf(err, t('error.save')) });
    } finally {
      setSending(false);
    }
  };
  const detailsId = `delivery-${delivery.id}-details`;
  return (
    <Fragment>
      <Table.Tr data-delivery={delivery.id}>
        <Table.Td>
          <DeliveryStatusBadge status={delivery.status} />
        </Table.Td>
        <Table.Td>
          <Text size="sm">{label(delivery.event)}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{delivery.responseStatus ?? '—'}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">
            {delivery.responseMs === null ? '—' : t('log.msValue', { ms: delivery.responseMs })}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{delivery.attempts}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{format.dateTime(delivery.lastAttemptAt ?? delivery.createdAt)}</Text>
        </Table.Td>
        <Table.Td>
          <Group gap={4} wrap="nowrap" justify="flex-end">
            <Button
              size="compact-sm"
              variant="subtle"
              aria-expanded={open}
              aria-controls={open ? detailsId : undefined}
              onClick={() => setOpen((o) => !o)}
            >
              {open ? t('log.hideDetails') : t('log.details')}
            </Button>
            {delivery.event !== 'ping' && (
              <Button size="compact-sm" variant="default" loading={sending} onClick={() => void resend()}>
                {t('log.resend')}
              </Button>
            )}
          </Group>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={7}>
            <DeliveryDetails delivery={delivery} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

export function DeliveryLog({ webhook }: { webhook: Webhook }): ReactElement {
  const { t } = useTranslation('webhooks');
  const deliveries = useDeliveries(webhook.id);
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('log.title')}
      </Title>
      {deliveries.isPending && <Loading />}
      {deliveries.data?.items.length === 0 && (
        <Text size="sm" c="gray.7">
          {t('log.empty')}
        </Text>
      )}
      {deliveries.data && deliveries.data.items.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" aria-label={t('log.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('log.status')}</Table.Th>
                  <Table.Th>{t('log.event')}</Table.Th>
                  <Table.Th>{t('log.code')}</Table.Th>
                  <Table.Th>{t('log.ms')}</Table.Th>
                  <Table.Th>{t('log.attempts')}</Table.Th>
                  <Table.Th>{t('log.at')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {deliveries.data.items.map((d) => (
                  <DeliveryRow key={d.id} webhook={webhook} delivery={d} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
