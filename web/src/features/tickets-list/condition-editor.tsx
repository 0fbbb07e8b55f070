// The filter builder of the view editor: groups that match all, any or none of their conditions,
// each condition a field, an operator for that field's type, and a value picker.
import { ActionIcon, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  emptyGroup,
  emptyLeaf,
  type GroupMode,
  type GroupNode,
  type LeafNode,
  type TreeNode,
} from './condition-tree.ts';
import {
  CHANGE_OPS_BY_TYPE,
  type FieldInfo,
  fieldLabel,
  OPS_BY_TYPE,
  valueShape,
} from './ticket-field-catalog.ts';
import { ValueInput } from './value-input.tsx';

const MAX_DEPTH = 3;

interface EditorProps {
  fields: FieldInfo[];
  errors: Map<string, string>;
  onChange: (id: string, replace: (n: TreeNode) => TreeNode | null) => void;
  /** Offer the change operators too (a rule's condition on an event: changed, changed to, from). */
  changeOps?: boolean;
}

function defaultValue(field: FieldInfo, op: string): unknown {
  const shape = valueShape(op);
  if (shape === 'list') return [];
  if (shape === 'range') return [undefined, undefined];
  if (field.type === 'boolean') return true;
  return undefined;
}

function LeafEditor({
  leaf,
  fields,
  errors,
  onChange,
  index,
  changeOps,
}: EditorProps & { leaf: LeafNode; index: number }) {
  const { t, i18n } = useTranslation('ticketsList');
  const field = fields.find((f) => f.name === leaf.field);
  const standard = fields.filter((f) => !f.custom);
  const custom = fields.filter((f) => f.custom);
  const fieldData = [
    {
      group: t('editor.standardFields'),
      items: standard.map((f) => ({ value: f.name, label: fieldLabel(f, t, i18n.language) })),
    },
    ...(custom.length
      ? [
          {
            group: t('editor.customFields'),
            items: custom.map((f) => ({ value: f.name, label: fieldLabel(f, t, i18n.language) })),
          },
        ]
      : []),
  ];
  const ops = field ? [...OPS_BY_TYPE[field.type], ...(changeOps ? CHANGE_OPS_BY_TYPE[field.type] : [])] : [];
  const error = errors.get(leaf.id);
  const name = field ? fieldLabel(field, t, i18n.language) : t('editor.condition', { n: index + 1 });
  return (
    <Group gap={6} align="flex-start" wrap="nowrap" data-condition={leaf.id}>
      <Select
        size="xs"
        w={210}
        searchable
        aria-label={t('editor.field', { n: index + 1 })}
        placeholder={t('editor.chooseField')}
        data={fieldData}
        value={leaf.field || null}
        onChange={(name) => {
          const next = fields.find((f) => f.name === name);
          if (!next) return;
          const op = OPS_BY_TYPE[next.type][0]!;
          onChange(leaf.id, () => ({ ...leaf, field: next.name, op, value: defaultValue(next, op) }));
        }}
        comboboxProps={{ withinPortal: true }}
        maxDropdownHeight={320}
      />
      <Select
        size="xs"
        w={170}
        aria-label={t('editor.operator', { field: name })}
        placeholder={t('editor.chooseOperator')}
        disabled={!field}
        data={ops.map((op) => ({ value: op, label: t(`op.${op}`) }))}
        value={leaf.op || null}
        allowDeselect={false}
        onChange={(op) => {
          if (!op || !field) return;
          const keep = valueShape(op) === valueShape(leaf.op);
          onChange(leaf.id, () => ({ ...leaf, op, value: keep ? leaf.value : defaultValue(field, op) }));
        }}
      />
      <div style={{ flex: 1, minWidth: 0 }}>
        {field && (
          <ValueInput
            field={field}
            op={leaf.op}
            value={leaf.value}
            onChange={(value) => onChange(leaf.id, (n) => ({ ...(n as LeafNode), value }))}
            label={t('editor.value', { field: name })}
            error={error}
          />
        )}
        {!field && error && (
          <Text size="xs" c="red" role="alert">
            {error}
          </Text>
        )}
      </div>
      <ActionIcon
        variant="subtle"
        color="gray.8"
        size="md"
        aria-label={t('editor.removeCondition', { field: name })}
        onClick={() => onChange(leaf.id, () => null)}
      >
        ✕
      </ActionIcon>
    </Group>
  );
}

export function GroupEditor({
  group,
  depth = 1,
  emptyText,
  ...props
}: EditorProps & {
  group: GroupNode;
  depth?: number;
  /** What an empty top level means where the editor is used (a view, a policy, a rule). */
  emptyText?: string;
}): ReactElement {
  const { t } = useTranslation('ticketsList');
  const modes: GroupMode[] = ['all', 'any', 'none'];
  return (
    <Paper
      withBorder={depth > 1}
      p={depth > 1 ? 'xs' : 0}
      bg={depth > 1 ? 'gray.0' : undefined}
      role="group"
      aria-label={depth === 1 ? t('editor.filters') : t('editor.group')}
    >
      <Stack gap={6}>
        <Group gap={6} justify="space-between">
          <Group gap={6}>
            <Text size="sm">{t('editor.match')}</Text>
            <Select
              size="xs"
              w={190}
              aria-label={depth === 1 ? t('editor.matchLabel') : t('editor.groupMatchLabel')}
              data={modes.map((m) => ({ value: m, label: t(`editor.mode.${m}`) }))}
              value={group.mode}
              allowDeselect={false}
              onChange={(mode) =>
                mode && props.onChange(group.id, (n) => ({ ...(n as GroupNode), mode: mode as GroupMode }))
              }
            />
          </Group>
          {depth > 1 && (
            <Button
              size="xs"
              variant="subtle"
              color="gray.8"
              onClick={() => props.onChange(group.id, () => null)}
            >
              {t('editor.removeGroup')}
            </Button>
          )}
        </Group>
        {group.children.length === 0 && (
          <Text size="sm" c="gray.7">
            {depth === 1 ? (emptyText ?? t('editor.noFilters')) : t('editor.emptyGroup')}
          </Text>
        )}
        {group.children.map((child, i) =>
          child.kind === 'leaf' ? (
            <LeafEditor key={child.id} leaf={child} index={i} {...props} />
          ) : (
            <GroupEditor key={child.id} group={child} depth={depth + 1} {...props} />
          ),
        )}
        <Group gap={6}>
          <Button
            size="xs"
            variant="light"
            onClick={() =>
              props.onChange(group.id, (n) => ({
                ...(n as GroupNode),
                children: [...(n as GroupNode).children, emptyLeaf()],
              }))
            }
          >
            {t('editor.addCondition')}
          </Button>
          {depth < MAX_DEPTH && (
            <Button
              size="xs"
              variant="subtle"
              onClick={() =>
                props.onChange(group.id, (n) => ({
                  ...(n as GroupNode),
                  children: [...(n as GroupNode).children, { ...emptyGroup('any'), children: [emptyLeaf()] }],
                }))
              }
            >
              {t('editor.addGroup')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
