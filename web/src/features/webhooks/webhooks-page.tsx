// Administration → Automation → Webhooks: every webhook with its URL, events, on/off switch and last
// delivery (a switched-off one says so), the private-targets setting, and a new webhook's form.
import { Alert, Badge, Button, Group, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, messageOf } from '../../app/admin-frame.tsx';
import { api, unwrap } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { RouterAnchor } from '../../app/links.tsx';
import { useEventLabel } from './event-label.ts';
import { SecretDialog, type ShownSecret } from './secret-dialog.tsx';
import {
  STATUS_COLORS,
  useWebhookRefresh,
  useWebhookSettings,
  useWebhooks,
  type Webhook,
} from './webhook-data.ts';
import { WebhookFormModal } from './webhook-form.tsx';
import { WebhooksFrame } from './webhooks-frame.tsx';

export function WebhooksPage(): ReactElement {
  return (
    <WebhooksFrame>
      <Webhooks />
    </WebhooksFrame>
  );
}

function PrivateTargetsSetting(): ReactElement {
  const { t } = useTranslation('webhooks');
  const settings = useWebhookSettings();
  const refresh = useWebhookRefresh();
  const [saving, setSaving] = useState(false);
  const change = async (allowPrivateTargets: boolean) => {
    setSaving(true);
    try {
      unwrap(await api.PUT('/api/v1/webhooks/settings', { body: { allowPrivateTargets } }));
      await refresh();
    } catch (err) {
      notifications.show({ color: 'red', message: messageOf(err, t('error.save')) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Switch
      label={t('settings.allowPrivate')}
      description={t('settings.allowPrivateHelp')}
      checked={settings.data?.allowPrivateTargets ?? false}
      disabled={!settings.data || saving}
      onChange={(e) => void change(e.currentTarget.checked)}
    />
  );
}

export function LastDelivery({ webhook }: { webhook: Webhook }): ReactElement {
  const { t } = useTranslation('webhooks');
  const format = useFormat();
  const last = webhook.lastDelivery;
  if (!last)
    return (
      <Text size="sm" c="gray.7">
        {t('never')}
      </Text>
    );
  return (
    <Group gap={6} wrap="nowrap">
      <Badge variant="light" color={STATUS_COLORS[last.status]} tt="none">
        {t(`status.${last.status}`)}
      </Badge>
      {last.responseStatus !== null && <Text size="sm">{last.responseStatus}</Text>}
      <Text size="xs" c="gray.7">
        {format.ago(last.at)}
      </Text>
    </Group>
  );
}

export function SwitchedOffNotice({ webhook }: { webhook: Webhook }): ReactElement | null {
  const { t } = useTranslation('webhooks');
  const format = useFormat();
  if (!webhook.disabledAt) return null;
  return (
    <Text size="xs" c="red.8" role="status">
      {t('switchedOff', { date: format.dateTime(webhook.disabledAt), count: webhook.consecutiveFailures })}
    </Text>
  );
}

function Webhooks(): ReactElement {
  const { t } = useTranslation('webhooks');
  const label = useEventLabel();
  const webhooks = useWebhooks();
  const refresh = useWebhookRefresh();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const setActive = async (w: Webhook, active: boolean) => {
    setProblem(null);
    try {
      unwrap(
        await api.PATCH('/api/v1/webhooks/{id}', {
          params: { path: { id: w.id } },
          body: { version: w.version, active },
        }),
      );
    } catch (err) {
      setProblem(messageOf(err, t('error.save')));
    }
    await refresh();
  };

  return (
    <Stack gap="sm" maw={1200}>
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('title')}
        </Title>
        <Button onClick={() => setCreating(true)}>{t('new')}</Button>
      </Group>
      <Text size="sm" c="gray.7">
        {t('intro')}
      </Text>
      <PrivateTargetsSetting />
      {webhooks.error ? (
        <Alert color="red" role="alert">
          {messageOf(webhooks.error, t('error.load'))}
        </Alert>
      ) : null}
      {problem && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setProblem(null)}>
          {problem}
        </Alert>
      )}
      {webhooks.isPending && <Loading />}
      {webhooks.data?.length === 0 && (
        <Text size="sm" c="gray.7">
          {t('empty')}
        </Text>
      )}
      {webhooks.data && webhooks.data.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('column.name')}</Table.Th>
                  <Table.Th>{t('column.url')}</Table.Th>
                  <Table.Th>{t('column.events')}</Table.Th>
                  <Table.Th>{t('column.active')}</Table.Th>
                  <Table.Th>{t('column.lastDelivery')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {webhooks.data.map((w) => (
                  <Table.Tr key={w.id} data-webhook={w.id}>
                    <Table.Td>
                      <RouterAnchor
                        to="/admin/automation/webhooks/$webhookId"
                        params={{ webhookId: w.id }}
                        size="sm"
                        fw={600}
                      >
                        {w.name}
                      </RouterAnchor>
                      <SwitchedOffNotice webhook={w} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {w.url}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {w.events.map((e) => (
                          <Badge key={e} size="sm" variant="outline" color="gray" tt="none">
                            {label(e)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={t('activeNamed', { name: w.name })}
                        checked={w.active}
                        onChange={(e) => void setActive(w, e.currentTarget.checked)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <LastDelivery webhook={w} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {creating && (
        <WebhookFormModal
          webhook={null}
          onClose={() => setCreating(false)}
          onCreated={(created) => setSecret({ name: created.webhook.name, secret: created.secret })}
        />
      )}
      <SecretDialog shown={secret} onClose={() => setSecret(null)} />
    </Stack>
  );
}
