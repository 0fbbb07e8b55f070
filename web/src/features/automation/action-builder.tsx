// The action builder of rules and macros: the ordered actions, each added, removed or moved, with
// the inputs of its type (a field and a value of that field's type, an agent or group, tags, a
// note's or reply's template with its placeholders, who is notified, a webhook). The screen says
// which types it offers; the server's problems are shown beside the input they name.
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
import { IconArrowDown, IconArrowUp, IconX } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgents, useGroups } from '../../app/reference-data.ts';
import { findField } from '../tickets-list/ticket-field-catalog.ts';
import { ValueInput } from '../tickets-list/value-input.tsx';
import { useCustomFieldDefs } from '../tickets-list/view-data.ts';
import { useWebhooks } from '../webhooks/webhook-data.ts';
import {
  type ActionDraft,
  type ActionType,
  emptyAction,
  NOTIFY_RECIPIENTS,
  SETTABLE_FIELDS,
  TEMPLATE_PLACEHOLDERS,
  type TemplatePlaceholder,
} from './action-draft.ts';
import { useFieldName } from './field-name.ts';

/** The inputs of the parts of each type: a problem on another part is shown under the action. */
const PARTS: Record<ActionType, readonly (keyof ActionDraft)[]> = {
  set_field: ['field', 'value'],
  assign: ['groupId', 'agentId'],
  add_tags: ['tags'],
  remove_tags: ['tags'],
  add_team_member: ['agentId', 'access'],
  add_note: ['body'],
  reply: ['body'],
  notify: ['recipient', 'agentId'],
  webhook: ['webhookId'],
  stop: [],
};

interface RowProps {
  action: ActionDraft;
  index: number;
  /** Problems of this action by part (`tags`, `value`…). */
  errors: Record<string, string>;
  /** Changes some parts of this action. */
  set: (patch: Partial<ActionDraft>) => void;
  placeholders: readonly TemplatePlaceholder[];
}

function SetFieldInputs({ action, index, errors, set }: RowProps) {
  const { t } = useTranslation('automation');
  const fieldName = useFieldName();
  const defs = useCustomFieldDefs().data;
  const options = [
    ...SETTABLE_FIELDS.map((f) => ({ value: f, label: fieldName(f) })),
    ...(defs ?? [])
      .filter((d) => d.active)
      .map((d) => ({ value: `custom.${d.key}`, label: fieldName(`custom.${d.key}`) })),
  ];
  const field = action.field ? findField(action.field, defs) : undefined;
  return (
    <Group align="flex-start" gap="sm" wrap="wrap">
      <Select
        label={t('actions.field')}
        w={220}
        searchable
        data={options}
        value={action.field}
        error={errors.field}
        onChange={(f) => {
          const info = f ? findField(f, defs) : undefined;
          set({ field: f, value: info?.type === 'tags' ? [] : info?.type === 'boolean' ? true : null });
        }}
      />
      {field && (
        <Stack gap={2} miw={220} style={{ flex: 1 }}>
          <Text size="sm" fw={500}>
            {t('actions.value')}
          </Text>
          <ValueInput
            field={field}
            op={field.type === 'tags' ? 'has_any' : 'eq'}
            value={action.value ?? undefined}
            onChange={(v) => set({ value: v === undefined ? null : v })}
            label={t('actions.valueOf', { n: index + 1 })}
            error={errors.value}
          />
        </Stack>
      )}
    </Group>
  );
}

function AgentSelect({ action, errors, set }: Pick<RowProps, 'action' | 'errors' | 'set'>) {
  const { t } = useTranslation('automation');
  const agents = useAgents().data ?? [];
  return (
    <Select
      label={t('actions.agent')}
      w={260}
      searchable
      clearable
      data={agents.map((a) => ({ value: a.id, label: a.name }))}
      value={action.agentId}
      error={errors.agentId}
      onChange={(agentId) => set({ agentId })}
    />
  );
}

function TemplateInput({ action, index, errors, set, placeholders }: RowProps) {
  const { t } = useTranslation('automation');
  const reply = action.type === 'reply';
  return (
    <Stack gap={4}>
      <Textarea
        label={reply ? t('actions.replyText', { n: index + 1 }) : t('actions.note')}
        autosize
        minRows={3}
        maxRows={10}
        maxLength={10_000}
        description={
          reply
            ? t('actions.placeholderList', { list: placeholders.map((p) => `{{${p}}}`).join(', ') })
            : undefined
        }
        value={action.body}
        error={errors.body}
        onChange={(e) => set({ body: e.currentTarget.value })}
      />
      {!reply && (
        <>
          <Text size="xs" c="gray.7">
            {t('actions.placeholders')}
          </Text>
          <Group gap="md" data-testid="note-placeholders">
            {placeholders.map((p) => (
              <Text key={p} size="xs" c="gray.7">
                <Code>{`{{${p}}}`}</Code> {t(`actions.placeholder.${p.replace('.', '_')}`)}
              </Text>
            ))}
          </Group>
        </>
      )}
    </Stack>
  );
}

function ActionInputs(props: RowProps) {
  const { action, errors, set } = props;
  const { t } = useTranslation('automation');
  const groups = useGroups().data ?? [];
  const webhooks = useWebhooks().data ?? [];
  switch (action.type) {
    case 'set_field':
      return <SetFieldInputs {...props} />;
    case 'assign':
      return (
        <Group align="flex-start" gap="sm">
          <Select
            label={t('actions.group')}
            w={260}
            searchable
            clearable
            data={groups.map((g) => ({ value: g.id, label: g.name }))}
            value={action.groupId}
            error={errors.groupId}
            onChange={(groupId) => set({ groupId })}
          />
          <AgentSelect {...props} />
        </Group>
      );
    case 'add_tags':
    case 'remove_tags':
      return (
        <TagsInput
          label={t('actions.tags')}
          placeholder={t('actions.tagsPlaceholder')}
          maw={520}
          value={action.tags}
          error={errors.tags}
          onChange={(tags) => set({ tags })}
        />
      );
    case 'add_team_member':
      return (
        <Group align="flex-end" gap="sm">
          <AgentSelect {...props} />
          <SegmentedControl
            aria-label={t('actions.access')}
            data={[
              { value: 'read', label: t('actions.accessLevel.read') },
              { value: 'read_write', label: t('actions.accessLevel.read_write') },
            ]}
            value={action.access}
            onChange={(access) => set({ access: access as ActionDraft['access'] })}
          />
        </Group>
      );
    case 'add_note':
    case 'reply':
      return <TemplateInput {...props} />;
    case 'notify':
      return (
        <Group align="flex-start" gap="sm">
          <Select
            label={t('actions.recipient')}
            w={260}
            allowDeselect={false}
            data={NOTIFY_RECIPIENTS.map((r) => ({ value: r, label: t(`actions.recipients.${r}`) }))}
            value={action.recipient}
            error={errors.recipient}
            onChange={(r) => r && set({ recipient: r as ActionDraft['recipient'] })}
          />
          {action.recipient === 'agent' && <AgentSelect {...props} />}
        </Group>
      );
    case 'webhook':
      return (
        <Select
          label={t('actions.webhook')}
          w={360}
          searchable
          nothingFoundMessage={t('actions.noWebhooks')}
          data={webhooks.map((w) => ({ value: w.id, label: w.name }))}
          value={action.webhookId}
          error={errors.webhookId}
          onChange={(webhookId) => set({ webhookId })}
        />
      );
    default:
      return (
        <Text size="sm" c="gray.7">
          {t('actions.stopHelp')}
        </Text>
      );
  }
}

export interface ActionBuilderProps {
  value: ActionDraft[];
  /**
   * The new list; `touched` names the problems it makes stale (`1.tags` when that input changed, all
   * of them when actions moved or went).
   */
  onChange: (next: ActionDraft[], touched: string[]) => void;
  /** The action types offered, in order (the first is a new action's). */
  types: readonly ActionType[];
  /** Problems by builder path (`1.tags`, `1.type` for the action itself). */
  errors?: Record<string, string>;
  /** A problem of the list itself ("add at least one"). */
  listError?: string;
  /** The placeholders a note's or reply's template may use here. */
  placeholders?: readonly TemplatePlaceholder[];
  max?: number;
}

export function ActionBuilder({
  value,
  onChange,
  types,
  errors = {},
  listError,
  placeholders = TEMPLATE_PLACEHOLDERS,
  max = 20,
}: ActionBuilderProps): ReactElement {
  const { t } = useTranslation('automation');
  const typeData = types.map((a) => ({ value: a, label: t(`actions.type.${a}`) }));
  const replace = (i: number, next: ActionDraft, touched: string[]) =>
    onChange(
      value.map((a, j) => (j === i ? next : a)),
      touched,
    );
  const move = (i: number, by: number) => {
    const next = [...value];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + by, 0, item);
    onChange(next, Object.keys(errors));
  };
  return (
    <Stack gap="xs">
      {value.length === 0 && (
        <Text size="sm" c="gray.7">
          {t('actions.none')}
        </Text>
      )}
      {value.map((action, index) => {
        const mine: Record<string, string> = {};
        for (const [path, message] of Object.entries(errors)) {
          const [at, part] = path.split('.');
          if (at === String(index) && part) mine[part] = message;
        }
        const shown = new Set<string>(['type', ...PARTS[action.type]]);
        if (action.type === 'notify' && action.recipient !== 'agent') shown.delete('agentId');
        if (action.type === 'set_field' && !action.field) shown.delete('value');
        const others = Object.entries(mine).filter(([part]) => !shown.has(part));
        return (
          <Paper
            key={action.key}
            withBorder
            p="xs"
            data-action={index}
            role="group"
            aria-label={t('actions.n', { n: index + 1 })}
          >
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Group gap="xs" align="center">
                  <Text size="sm" fw={600} c="gray.7">
                    {index + 1}.
                  </Text>
                  <Select
                    aria-label={t('actions.typeOf', { n: index + 1 })}
                    w={340}
                    maw="100%"
                    allowDeselect={false}
                    error={mine.type}
                    data={typeData}
                    value={action.type}
                    onChange={(type) =>
                      type &&
                      replace(index, { ...emptyAction(type as ActionType), key: action.key }, [
                        ...Object.keys(mine).map((part) => `${index}.${part}`),
                      ])
                    }
                  />
                </Group>
                <Group gap={2} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    color="gray.8"
                    disabled={index === 0}
                    aria-label={t('actions.moveUp', { n: index + 1 })}
                    onClick={() => move(index, -1)}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray.8"
                    disabled={index === value.length - 1}
                    aria-label={t('actions.moveDown', { n: index + 1 })}
                    onClick={() => move(index, 1)}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray.8"
                    aria-label={t('actions.remove', { n: index + 1 })}
                    onClick={() =>
                      onChange(
                        value.filter((_, j) => j !== index),
                        Object.keys(errors),
                      )
                    }
                  >
                    <IconX size={16} />
                  </ActionIcon>
                </Group>
              </Group>
              <ActionInputs
                action={action}
                index={index}
                errors={mine}
                placeholders={placeholders}
                set={(patch) =>
                  replace(
                    index,
                    { ...action, ...patch },
                    Object.keys(patch).map((part) => `${index}.${part}`),
                  )
                }
              />
              {others.map(([part, message]) => (
                <Text key={part} size="xs" c="red.8" role="alert">
                  {message}
                </Text>
              ))}
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
          disabled={value.length >= max}
          onClick={() => onChange([...value, emptyAction(types[0])], [])}
        >
          {t('actions.add')}
        </Button>
      </Group>
    </Stack>
  );
}
