// The action builder: an ordered list of ticket actions (set a field, owner, tags, related team, an
// internal note or a public reply), each a row of its own inputs. Self-contained (it loads the
// picklists, agents, groups and custom fields it offers), so other screens (rules) may reuse it
// with their own list of `types`.
import {
  ActionIcon,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CustomField, unwrap } from '../../app/api-client.ts';
import { useAgents, useGroups, usePicklists } from '../../app/reference-data.ts';
import { MACRO_ACTION_TYPES, type MacroAction, type MacroActionType } from './macro-data.ts';

/** Standard fields a set_field action may set (custom fields come as custom.<key>). */
const SETTABLE = ['status', 'priority', 'severity', 'category', 'type'] as const;
/** What a note or reply may say, filled in per ticket. */
const TEMPLATE_PLACEHOLDERS = [
  '{{ticket.number}}',
  '{{ticket.subject}}',
  '{{ticket.status}}',
  '{{ticket.priority}}',
].join(', ');
/** Fields that may be emptied (status and priority always have a value). */
const CLEARABLE = new Set(['severity', 'category', 'type']);

export function useCustomFields() {
  return useQuery({
    queryKey: ['custom-fields'],
    queryFn: async () => unwrap(await api.GET('/api/v1/custom-fields')).items,
    staleTime: 5 * 60_000,
  });
}

/** A label in the agent's language from a labels object (English, then the key, as fallbacks). */
export function useLabelOf(): (labels: unknown, fallback: string) => string {
  const { i18n } = useTranslation();
  return (labels, fallback) => {
    const l = (labels ?? {}) as Record<string, string | undefined>;
    return l[i18n.language] ?? l.en ?? fallback;
  };
}

/** A new action of this type, with empty inputs. */
export function blankAction(type: MacroActionType): MacroAction {
  switch (type) {
    case 'set_field':
      return { type, field: 'priority', value: null };
    case 'assign':
      return { type, agentId: null };
    case 'add_tags':
    case 'remove_tags':
      return { type, tags: [] };
    case 'add_team_member':
      return { type, agentId: '', access: 'read' };
    case 'add_note':
    case 'reply':
      return { type, body: '' };
  }
}

interface RowProps<A extends MacroAction> {
  action: A;
  index: number;
  onChange: (next: MacroAction) => void;
}

function SetFieldRow({ action, index, onChange }: RowProps<Extract<MacroAction, { type: 'set_field' }>>) {
  const { t } = useTranslation(['macros', 'ticket']);
  const lists = usePicklists().data;
  const custom = useCustomFields().data ?? [];
  const labelOf = useLabelOf();
  const active = custom.filter((f) => f.active);
  const fieldData = [
    ...SETTABLE.map((f) => ({ value: f, label: t(`ticket:fields.${f}`) })),
    ...active.map((f) => ({ value: `custom.${f.key}`, label: labelOf(f.labels, f.key) })),
  ];
  const def: CustomField | undefined = action.field.startsWith('custom.')
    ? active.find((f) => `custom.${f.key}` === action.field)
    : undefined;
  const valueLabel = t('macros:builder.value', { n: index + 1 });
  let input: ReactElement;
  if (!def) {
    const values = (lists?.[action.field] ?? []).filter((v) => v.active);
    input = (
      <Select
        aria-label={valueLabel}
        placeholder={t('macros:builder.chooseValue')}
        data={values.map((v) => ({ value: v.key, label: labelOf(v.labels, v.key) }))}
        value={typeof action.value === 'string' ? action.value : null}
        onChange={(v) => onChange({ ...action, value: v })}
        clearable={CLEARABLE.has(action.field)}
        searchable
        w={220}
      />
    );
  } else if (def.options.length) {
    input = (
      <Select
        aria-label={valueLabel}
        data={def.options.map((o) => ({ value: o.key, label: labelOf(o.labels, o.key) }))}
        value={typeof action.value === 'string' ? action.value : null}
        onChange={(v) => onChange({ ...action, value: v })}
        clearable
        searchable
        w={220}
      />
    );
  } else if (def.type === 'number' || def.type === 'decimal' || def.type === 'integer') {
    input = (
      <NumberInput
        aria-label={valueLabel}
        value={typeof action.value === 'number' ? action.value : ''}
        onChange={(v) => onChange({ ...action, value: typeof v === 'number' ? v : null })}
        w={220}
      />
    );
  } else if (def.type === 'boolean' || def.type === 'checkbox') {
    input = (
      <Select
        aria-label={valueLabel}
        data={[
          { value: 'true', label: t('ticket:fields.yes') },
          { value: 'false', label: t('ticket:fields.no') },
        ]}
        value={action.value === null ? null : String(action.value)}
        onChange={(v) => onChange({ ...action, value: v === null ? null : v === 'true' })}
        w={220}
      />
    );
  } else {
    input = (
      <Textarea
        aria-label={valueLabel}
        autosize
        minRows={1}
        value={typeof action.value === 'string' ? action.value : ''}
        onChange={(e) => onChange({ ...action, value: e.currentTarget.value })}
        w={220}
      />
    );
  }
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <Select
        aria-label={t('macros:builder.field', { n: index + 1 })}
        data={fieldData}
        value={action.field}
        onChange={(field) => field && onChange({ ...action, field, value: null })}
        searchable
        allowDeselect={false}
        w={200}
      />
      {input}
    </Group>
  );
}

function AssignRow({ action, index, onChange }: RowProps<Extract<MacroAction, { type: 'assign' }>>) {
  const { t } = useTranslation(['macros', 'ticket']);
  const agents = useAgents().data ?? [];
  const groups = useGroups().data ?? [];
  return (
    <Group gap="xs" align="flex-start">
      <Select
        aria-label={t('macros:builder.owner', { n: index + 1 })}
        placeholder={t('ticket:fields.ownerAgentId')}
        data={agents.filter((a) => a.active).map((a) => ({ value: a.id, label: a.name }))}
        value={action.agentId ?? null}
        onChange={(agentId) => onChange({ ...action, agentId })}
        clearable
        searchable
        w={220}
      />
      <Select
        aria-label={t('macros:builder.group', { n: index + 1 })}
        placeholder={t('ticket:fields.ownerGroupId')}
        data={groups.map((g) => ({ value: g.id, label: g.name }))}
        value={action.groupId ?? null}
        onChange={(groupId) => onChange({ ...action, groupId })}
        clearable
        searchable
        w={200}
      />
    </Group>
  );
}

function TeamMemberRow({
  action,
  index,
  onChange,
}: RowProps<Extract<MacroAction, { type: 'add_team_member' }>>) {
  const { t } = useTranslation('macros');
  const agents = useAgents().data ?? [];
  return (
    <Group gap="xs" align="flex-start">
      <Select
        aria-label={t('builder.member', { n: index + 1 })}
        placeholder={t('builder.chooseAgent')}
        data={agents.filter((a) => a.active).map((a) => ({ value: a.id, label: a.name }))}
        value={action.agentId || null}
        onChange={(agentId) => onChange({ ...action, agentId: agentId ?? '' })}
        searchable
        w={220}
      />
      <Select
        aria-label={t('builder.access', { n: index + 1 })}
        data={[
          { value: 'read', label: t('builder.accessRead') },
          { value: 'read_write', label: t('builder.accessReadWrite') },
        ]}
        value={action.access}
        onChange={(access) => access && onChange({ ...action, access: access as 'read' | 'read_write' })}
        allowDeselect={false}
        w={200}
      />
    </Group>
  );
}

function ActionInputs({ action, index, onChange }: RowProps<MacroAction>): ReactElement {
  const { t } = useTranslation('macros');
  switch (action.type) {
    case 'set_field':
      return <SetFieldRow action={action} index={index} onChange={onChange} />;
    case 'assign':
      return <AssignRow action={action} index={index} onChange={onChange} />;
    case 'add_team_member':
      return <TeamMemberRow action={action} index={index} onChange={onChange} />;
    case 'add_tags':
    case 'remove_tags':
      return (
        <TagsInput
          aria-label={t('builder.tags', { n: index + 1 })}
          placeholder={t('builder.tagsHint')}
          value={action.tags}
          onChange={(tags) => onChange({ ...action, tags })}
          w="100%"
        />
      );
    case 'add_note':
    case 'reply':
      return (
        <Textarea
          aria-label={t(action.type === 'reply' ? 'builder.replyText' : 'builder.noteText', { n: index + 1 })}
          description={t('builder.placeholders', { list: TEMPLATE_PLACEHOLDERS })}
          autosize
          minRows={3}
          maxRows={10}
          value={action.body}
          onChange={(e) => onChange({ ...action, body: e.currentTarget.value })}
          w="100%"
        />
      );
  }
}

export interface ActionBuilderProps {
  value: MacroAction[];
  onChange: (next: MacroAction[]) => void;
  /** The action types offered (default: a macro's). */
  types?: readonly MacroActionType[];
  /** Problems by path under the actions (`0/field` …), shown under their row. */
  errors?: Record<string, string>;
}

export function ActionBuilder({
  value,
  onChange,
  types = MACRO_ACTION_TYPES,
  errors = {},
}: ActionBuilderProps): ReactElement {
  const { t } = useTranslation('macros');
  const typeData = types.map((type) => ({ value: type, label: t(`action.${type}`) }));
  const replace = (i: number, next: MacroAction) => onChange(value.map((a, j) => (j === i ? next : a)));
  const move = (i: number, by: number) => {
    const next = [...value];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + by, 0, item);
    onChange(next);
  };
  return (
    <Stack gap="xs">
      {value.length === 0 && (
        <Text size="sm" c="gray.7">
          {t('builder.empty')}
        </Text>
      )}
      {value.map((action, i) => {
        const problems = Object.entries(errors).filter(
          ([path]) => path === String(i) || path.startsWith(`${i}/`),
        );
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: actions have no identity but their place
          <Paper key={i} withBorder p="xs" data-action={i}>
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <Select
                aria-label={t('builder.type', { n: i + 1 })}
                data={typeData}
                value={action.type}
                onChange={(type) => type && replace(i, blankAction(type as MacroActionType))}
                allowDeselect={false}
                w={210}
              />
              <Stack gap={4} style={{ flex: 1 }}>
                <ActionInputs action={action} index={i} onChange={(next) => replace(i, next)} />
                {problems.map(([path, message]) => (
                  <Text key={path} size="xs" c="red.8" role="alert">
                    {message}
                  </Text>
                ))}
              </Stack>
              <Group gap={2} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('builder.up', { n: i + 1 })}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('builder.down', { n: i + 1 })}
                  disabled={i === value.length - 1}
                  onClick={() => move(i, 1)}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('builder.remove', { n: i + 1 })}
                  onClick={() => onChange(value.filter((_, j) => j !== i))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Group>
          </Paper>
        );
      })}
      <Select
        aria-label={t('builder.add')}
        placeholder={t('builder.add')}
        data={typeData}
        value={null}
        onChange={(type) => type && onChange([...value, blankAction(type as MacroActionType)])}
        w={260}
      />
    </Stack>
  );
}

/** Actions ready to send: empty parts left out (an unchosen owner means "leave as is"). */
export function cleanActions(actions: MacroAction[]): MacroAction[] {
  return actions.map((a) => {
    if (a.type !== 'assign') return a;
    const out: MacroAction = { type: 'assign' };
    if (a.agentId) out.agentId = a.agentId;
    if (a.groupId) out.groupId = a.groupId;
    return out;
  });
}
