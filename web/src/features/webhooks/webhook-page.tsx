// One webhook: what it sends where, "Send test" with its result, edit, rotate the secret, delete,
// switch back on after a switch-off, and its delivery log.
import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, messageOf } from '../../app/admin-frame.tsx';
import { api, unwrap } from '../../app/api-client.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { DeliveryDetails, DeliveryLog, DeliveryStatusBadge } from './delivery-log.tsx';
import { useEventLabel } from './event-label.ts';
import { SecretDialog, type ShownSecret } from './secret-dialog.tsx';
import { type Delivery, useWebhook, useWebhookRefresh, type Webhook } from './webhook-data.ts';
import { WebhookFormModal } from './webhook-form.tsx';
import { WebhooksFrame } from './webhooks-frame.tsx';
import { LastDelivery, SwitchedOffNotice } from './webhooks-page.tsx';

const webhookRoute = getRouteApi('/app/admin/automation/webhooks/$webhookId');

export function WebhookPage(): ReactElement {
  return (
    <WebhooksFrame>
      <WebhookScreen />
    </WebhooksFrame>
  );
}

function WebhookScreen(): ReactElement {
  const { t } = useTranslation('webhooks');
  const { webhookId } = webhookRoute.useParams();
  const webhook = useWebhook(webhookId);
  return (
    <Stack gap="sm" maw={1200}>
      <RouterAnchor to="/admin/automation/webhooks" size="sm">
        {t('back')}
      </RouterAnchor>
      {webhook.error ? (
        <Alert color="red" role="alert">
          {messageOf(webhook.error, t('error.load'))}
        </Alert>
      ) : null}
      {webhook.isPending && <Loading />}
      {webhook.data && <WebhookDetails webhook={webhook.data} />}
    </Stack>
  );
}

function TestResult({ delivery }: { delivery: Delivery }): ReactElement {
  const { t } = useTranslation('webhooks');
  const ok = delivery.status === 'succeeded';
  return (
    <Alert
      color={ok ? 'teal' : 'red'}
      variant="light"
      role="status"
      title={ok ? t('test.succeeded') : t('test.failed')}
      data-testid="test-result"
    >
      <Stack gap={4}>
        <Group gap="xs">
          <DeliveryStatusBadge status={delivery.status} />
          {delivery.responseStatus !== null && (
            <Text size="sm">
              {t('test.answer', { status: delivery.responseStatus, ms: delivery.responseMs ?? 0 })}
            </Text>
          )}
        </Group>
        {!ok && <DeliveryDetails delivery={delivery} />}
      </Stack>
    </Alert>
  );
}

function WebhookDetails({ webhook }: { webhook: Webhook }): ReactElement {
  const { t } = useTranslation('webhooks');
  const label = useEventLabel();
  const refresh = useWebhookRefresh();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<Delivery | null>(null);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (change: () => Promise<void>) => {
    setProblem(null);
    try {
      await change();
    } catch (err) {
      setProblem(messageOf(err, t('error.save')));
    }
    await refresh();
  };
  const sendTest = () => {
    setTesting(true);
    setResult(null);
    return run(async () => {
      setResult(
        unwrap(
          await api.POST('/api/v1/webhooks/{id}/test', { params: { path: { id: webhook.id } }, body: {} }),
        ),
      );
    }).finally(() => setTesting(false));
  };
  const rotate = () =>
    run(async () => {
      const rotated = unwrap(
        await api.POST('/api/v1/webhooks/{id}/rotate-secret', {
          params: { path: { id: webhook.id } },
          body: {},
        }),
      );
      setSecret({ name: rotated.webhook.name, secret: rotated.secret });
    });
  const switchOn = () =>
    run(async () => {
      unwrap(
        await api.PATCH('/api/v1/webhooks/{id}', {
          params: { path: { id: webhook.id } },
          body: { version: webhook.version, active: true },
        }),
      );
    });
  const remove = () =>
    run(async () => {
      unwrap(await api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id: webhook.id } } }));
      notifications.show({ message: t('deleted', { name: webhook.name }) });
      await navigate({ to: '/admin/automation/webhooks' });
    });

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {webhook.name}
        </Title>
        <Group gap="xs">
          <Button onClick={() => void sendTest()} loading={testing}>
            {t('test.send')}
          </Button>
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('action.edit')}
          </Button>
          <Button variant="default" onClick={() => void rotate()}>
            {t('rotate')}
          </Button>
          <Button variant="subtle" color="red" onClick={() => setDeleting(true)}>
            {t('action.delete')}
          </Button>
        </Group>
      </Group>
      {webhook.disabledAt && (
        <Alert color="red" role="alert" title={t('switchedOffTitle')}>
          <Stack gap="xs" align="flex-start">
            <SwitchedOffNotice webhook={webhook} />
            <Button size="xs" onClick={() => void switchOn()}>
              {t('switchOn')}
            </Button>
          </Stack>
        </Alert>
      )}
      {problem && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setProblem(null)}>
          {problem}
        </Alert>
      )}
      {result && <TestResult delivery={result} />}
      <Paper withBorder p="sm">
        <Stack gap={6}>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {t('column.url')}:
            </Text>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {webhook.url}
            </Text>
          </Group>
          <Group gap={4}>
            <Text size="sm" fw={600}>
              {t('column.events')}:
            </Text>
            {webhook.events.map((e) => (
              <Badge key={e} size="sm" variant="outline" color="gray" tt="none">
                {label(e)}
              </Badge>
            ))}
          </Group>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {t('column.active')}:
            </Text>
            <Text size="sm">{webhook.active ? t('on') : t('off')}</Text>
          </Group>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {t('column.lastDelivery')}:
            </Text>
            <LastDelivery webhook={webhook} />
          </Group>
        </Stack>
      </Paper>
      <DeliveryLog webhook={webhook} />
      {editing && <WebhookFormModal webhook={webhook} onClose={() => setEditing(false)} />}
      <SecretDialog shown={secret} onClose={() => setSecret(null)} />
      <Modal
        opened={deleting}
        onClose={() => setDeleting(false)}
        title={t('deleteTitle', { name: webhook.name })}
      >
        <Text size="sm">{t('deleteBody')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setDeleting(false)}>
            {t('action.cancel')}
          </Button>
          <Button
            color="red.8"
            onClick={() => {
              setDeleting(false);
              void remove();
            }}
          >
            {t('action.delete')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
