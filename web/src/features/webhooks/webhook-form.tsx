// Creating or changing a webhook: name, URL, the events it is sent and whether it is on. The
// server's messages go beside the field they name (a refused URL says why); a new webhook's secret
// is handed to the caller to show once.
import {
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../app/admin-frame.tsx';
import { ApiError, api, unwrap } from '../../app/api-client.ts';
import { useEventLabel } from './event-label.ts';
import { useWebhookRefresh, WEBHOOK_EVENTS, type Webhook, type WebhookEvent } from './webhook-data.ts';

interface Values {
  name: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
}

/** The server names fields as `body/url` or `body/events/1`; the form's are `url` and `events`. */
function fieldOf(path: string): keyof Values | null {
  const name = path.replace(/^\/?body\//, '').split('/')[0];
  return name === 'name' || name === 'url' || name === 'events' || name === 'active' ? name : null;
}

export function WebhookFormModal({
  webhook,
  onClose,
  onCreated,
}: {
  webhook: Webhook | null;
  onClose: () => void;
  onCreated?: (created: { webhook: Webhook; secret: string }) => void;
}): ReactElement {
  const { t } = useTranslation('webhooks');
  const label = useEventLabel();
  const refresh = useWebhookRefresh();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      name: webhook?.name ?? '',
      url: webhook?.url ?? 'https://',
      events: (webhook?.events ?? ['ticket.created']) as WebhookEvent[],
      active: webhook?.active ?? true,
    },
    validate: {
      name: (v) => (v.trim() ? null : t('form.nameRequired')),
      url: (v) => (/^https?:\/\/\S+/.test(v.trim()) ? null : t('form.urlRequired')),
      events: (v) => (v.length ? null : t('form.eventsRequired')),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    const body = {
      name: values.name.trim(),
      url: values.url.trim(),
      events: values.events,
      active: values.active,
    };
    try {
      if (webhook) {
        unwrap(
          await api.PATCH('/api/v1/webhooks/{id}', {
            params: { path: { id: webhook.id } },
            body: { version: webhook.version, ...body },
          }),
        );
        notifications.show({ color: 'teal', message: t('form.saved', { name: body.name }) });
      } else {
        const created = unwrap(await api.POST('/api/v1/webhooks', { body }));
        onCreated?.(created);
      }
      await refresh();
      onClose();
    } catch (err) {
      const errors: Partial<Record<keyof Values, string>> = {};
      if (err instanceof ApiError)
        for (const e of err.problem.errors ?? []) {
          const field = fieldOf(e.field);
          if (field && !errors[field]) errors[field] = e.message;
        }
      form.setErrors(errors);
      if (!Object.keys(errors).length) setProblem(messageOf(err, t('error.save')));
    }
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={webhook ? t('form.editTitle', { name: webhook.name }) : t('form.createTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('form.name')} withAsterisk maxLength={100} {...form.getInputProps('name')} />
          <TextInput
            label={t('form.url')}
            description={t('form.urlHelp')}
            withAsterisk
            maxLength={2000}
            {...form.getInputProps('url')}
          />
          <Checkbox.Group label={t('form.events')} withAsterisk {...form.getInputProps('events')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
              {WEBHOOK_EVENTS.map((event) => (
                <Checkbox
                  key={event}
                  value={event}
                  label={label(event)}
                  description={<Code fz="xs">{event}</Code>}
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Switch label={t('form.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
          {problem && (
            <Alert color="red" role="alert" title={t('error.notSaved')}>
              {problem}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('action.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
