// The rule editor's "Then": the ordered actions, each added, removed or moved, with the inputs of its
// type (a field and a value of that field's type, an agent or group, tags, a note's template with
// its placeholders, who is notified, a webhook).
import {
  ActionIcon,
  Button,
  Code,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconX } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgents, useGroups } from '../../app/reference-data.ts';
import { findField } from '../tickets-list/ticket-field-catalog.ts';
import { ValueInput } from '../tickets-list/value-input.tsx';
import { useCustomFieldDefs } from '../tickets-list/view-data.ts';
import { useWebhooks } from '../webhooks/webhook-data.ts';
import { type ActionDraft, emptyAction, type RuleValues } from './rule-draft.ts';
import { useFieldName } from './rule-words.ts';
import {
  ACTION_TYPES,
  MAX_ACTIONS,
  NOTE_PLACEHOLDERS,
  NOTIFY_RECIPIENTS,
  SETTABLE_FIELDS,
} from './rules-data.ts';

type Form = UseFormReturnType<RuleValues>;

function SetFieldInputs({ form, index, action }: { form: Form; index: number; action: ActionDraft }) {
  const { t } = useTranslation('rules');
  const fieldName = useFieldName();
  const defs = useCustomFieldDefs().data;
  const options = [
    ...SETTABLE_FIELDS.map((f) => ({ value: f, label: fieldName(f) })),
    ...(defs ?? [])
      .filter((d) => d.active)
      .map((d) => ({ value: `custom.${d.key}`, label: fieldName(`custom.${d.key}`) })),
  ];
  const field = action.field ? findField(action.field, defs) : undefined;
  const valueError = form.getInputProps(`actions.${index}.value`).error as string | undefined;
  const label = t('action.valueOf', { n: index + 1 });
  return (
    <Group align="flex-start" gap="sm" wrap="wrap">
      <Select
        label={t('action.field')}
        w={220}
        searchable
        data={options}
        {...form.getInputProps(`actions.${index}.field`)}
        onChange={(f) => {
          form.setFieldValue(`actions.${index}.field`, f);
          const info = f ? findField(f, defs) : undefined;
          form.setFieldValue(
            `actions.${index}.value`,
            info?.type === 'tags' ? [] : info?.type === 'boolean' ? true : null,
          );
        }}
      />
      {field && (
        <Stack gap={2} miw={220} style={{ flex: 1 }}>
          <Text size="sm" fw={500}>
            {t('action.value')}
          </Text>
          <ValueInput
            field={field}
            op={field.type === 'tags' ? 'has_any' : 'eq'}
            value={action.value ?? undefined}
            onChange={(v) => form.setFieldValue(`actions.${index}.value`, v === undefined ? null : v)}
            label={label}
            error={valueError}
          />
        </Stack>
      )}
    </Group>
  );
}

function AgentSelect({ form, path, label }: { form: Form; path: string; label: string }) {
  const agents = useAgents().data ?? [];
  return (
    <Select
      label={label}
      w={260}
      searchable
      clearable
      data={agents.map((a) => ({ value: a.id, label: a.name }))}
      {...form.getInputProps(path)}
    />
  );
}

function ActionInputs({ form, index, action }: { form: Form; index: number; action: ActionDraft }) {
  const { t } = useTranslation('rules');
  const groups = useGroups().data ?? [];
  const webhooks = useWebhooks().data ?? [];
  switch (action.type) {
    case 'set_field':
      return <SetFieldInputs form={form} index={index} action={action} />;
    case 'assign':
      return (
        <Group align="flex-start" gap="sm">
          <Select
            label={t('action.group')}
            w={260}
            searchable
            clearable
            data={groups.map((g) => ({ value: g.id, label: g.name }))}
            {...form.getInputProps(`actions.${index}.groupId`)}
          />
          <AgentSelect form={form} path={`actions.${index}.agentId`} label={t('action.agent')} />
        </Group>
      );
    case 'add_tags':
    case 'remove_tags':
      return (
        <TagsInput
          label={t('action.tags')}
          placeholder={t('action.tagsPlaceholder')}
          maw={520}
          {...form.getInputProps(`actions.${index}.tags`)}
        />
      );
    case 'add_team_member':
      return (
        <Group align="flex-end" gap="sm">
          <AgentSelect form={form} path={`actions.${index}.agentId`} label={t('action.agent')} />
          <SegmentedControl
            aria-label={t('action.access')}
            data={[
              { value: 'read', label: t('access.read') },
              { value: 'read_write', label: t('access.read_write') },
            ]}
            {...form.getInputProps(`actions.${index}.access`)}
          />
        </Group>
      );
    case 'add_note':
      return (
        <Stack gap={4}>
          <Textarea
            label={t('action.note')}
            autosize
            minRows={3}
            maxRows={10}
            maxLength={10_000}
            {...form.getInputProps(`actions.${index}.body`)}
          />
          <Text size="xs" c="gray.7">
            {t('action.placeholders')}
          </Text>
          <Group gap="md" data-testid="note-placeholders">
            {NOTE_PLACEHOLDERS.map((p) => (
              <Text key={p} size="xs" c="gray.7">
                <Code>{`{{${p}}}`}</Code> {t(`placeholder.${p.replace('.', '_')}`)}
              </Text>
            ))}
          </Group>
        </Stack>
      );
    case 'notify':
      return (
        <Group align="flex-start" gap="sm">
          <Select
            label={t('action.recipient')}
            w={260}
            allowDeselect={false}
            data={NOTIFY_RECIPIENTS.map((r) => ({ value: r, label: t(`recipient.${r}`) }))}
            {...form.getInputProps(`actions.${index}.recipient`)}
          />
          {action.recipient === 'agent' && (
            <AgentSelect form={form} path={`actions.${index}.agentId`} label={t('action.agent')} />
          )}
        </Group>
      );
    case 'webhook':
      return (
        <Select
          label={t('action.webhook')}
          w={360}
          searchable
          nothingFoundMessage={t('action.noWebhooks')}
          data={webhooks.map((w) => ({ value: w.id, label: w.name }))}
          {...form.getInputProps(`actions.${index}.webhookId`)}
        />
      );
    default:
      return (
        <Text size="sm" c="gray.7">
          {t('action.stopHelp')}
        </Text>
      );
  }
}

export function ActionBuilder({ form }: { form: Form }): ReactElement {
  const { t } = useTranslation('rules');
  const actions = form.getValues().actions;
  const listError = form.errors.actions as string | undefined;
  return (
    <Stack gap="xs">
      {actions.length === 0 && (
        <Text size="sm" c="gray.7">
          {t('action.none')}
        </Text>
      )}
      {actions.map((action, index) => {
        const typeError = form.errors[`actions.${index}.type`] as string | undefined;
        return (
          <Paper
            key={action.key}
            withBorder
            p="xs"
            data-action={index}
            role="group"
            aria-label={t('action.n', { n: index + 1 })}
          >
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Group gap="xs" align="center">
                  <Text size="sm" fw={600} c="gray.7">
                    {index + 1}.
                  </Text>
                  <Select
                    aria-label={t('action.typeOf', { n: index + 1 })}
                    w={340}
                    maw="100%"
                    allowDeselect={false}
                    error={typeError}
                    data={ACTION_TYPES.map((a) => ({ value: a, label: t(`actionType.${a}`) }))}
                    value={action.type}
                    onChange={(type) =>
                      type &&
                      form.setFieldValue(`actions.${index}`, {
                        ...emptyAction(type as ActionDraft['type']),
                        key: action.key,
                      })
                    }
                  />
                </Group>
                <Group gap={2} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    color="gray.8"
                    disabled={index === 0}
                    aria-label={t('action.moveUp', { n: index + 1 })}
                    onClick={() => form.reorderListItem('actions', { from: index, to: index - 1 })}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray.8"
                    disabled={index === actions.length - 1}
                    aria-label={t('action.moveDown', { n: index + 1 })}
                    onClick={() => form.reorderListItem('actions', { from: index, to: index + 1 })}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray.8"
                    aria-label={t('action.remove', { n: index + 1 })}
                    onClick={() => form.removeListItem('actions', index)}
                  >
                    <IconX size={16} />
                  </ActionIcon>
                </Group>
              </Group>
              <ActionInputs form={form} index={index} action={action} />
            </Stack>
          </Paper>
        );
      })}
      {listError && (
        <Text size="sm" c="red.8" role="alert">
          {listError}
        </Text>
      )}
      <Group>
        <Button
          size="xs"
          variant="light"
          disabled={actions.length >= MAX_ACTIONS}
          onClick={() => form.insertListItem('actions', emptyAction())}
        >
          {t('action.add')}
        </Button>
      </Group>
    </Stack>
  );
}
