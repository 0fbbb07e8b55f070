// Choose and order the list's columns; the choice is remembered per view in this browser.
import { ActionIcon, Button, Checkbox, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { type ReactElement, useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import { canBeColumn } from './list-columns.tsx';
import { type FieldInfo, fieldLabel } from './ticket-field-catalog.ts';

const storageKey = (viewId: string) => `caseway.list.columns.${viewId}`;

/** The columns of a view: the agent's own choice for it, else the view's, else the defaults. */
export function useRememberedColumns(viewId: string, fallback: string[]) {
  const [, changed] = useReducer((n: number) => n + 1, 0);
  let chosen: string[] | null = null;
  try {
    const raw = localStorage.getItem(storageKey(viewId));
    const parsed = raw ? (JSON.parse(raw) as unknown) : null;
    if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) chosen = parsed;
  } catch {
    chosen = null;
  }
  const set = (columns: string[] | null) => {
    if (columns) localStorage.setItem(storageKey(viewId), JSON.stringify(columns));
    else localStorage.removeItem(storageKey(viewId));
    changed();
  };
  return [chosen ?? fallback, set, chosen !== null] as const;
}

export function ColumnPicker({
  fields,
  value,
  onChange,
  customized,
}: {
  fields: FieldInfo[];
  value: string[];
  onChange: (columns: string[] | null) => void;
  customized: boolean;
}): ReactElement {
  const { t, i18n } = useTranslation('ticketsList');
  const candidates = fields.filter(canBeColumn);
  const chosen = value.filter((k) => candidates.some((f) => f.name === k));
  const others = candidates.filter((f) => !chosen.includes(f.name));
  const labelOf = (name: string) => {
    const field = candidates.find((f) => f.name === name);
    return field ? fieldLabel(field, t, i18n.language) : name;
  };
  const move = (index: number, by: number) => {
    const next = [...chosen];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(Math.max(0, Math.min(next.length, index + by)), 0, item);
    onChange(next);
  };
  return (
    <Popover position="bottom-end" withinPortal shadow="md" trapFocus>
      <Popover.Target>
        <Button variant="default" size="xs">
          {t('columns.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p="xs" aria-label={t('columns.title')}>
        <Text size="xs" fw={700} c="gray.7" tt="uppercase" mb={4}>
          {t('columns.title')}
        </Text>
        <ScrollArea.Autosize mah={380} type="auto">
          <Stack gap={2} w={260} pr="xs">
            {chosen.map((name, i) => (
              <Group key={name} gap={4} wrap="nowrap" justify="space-between">
                <Checkbox
                  size="xs"
                  label={labelOf(name)}
                  checked
                  disabled={name === 'subject'}
                  onChange={() => onChange(chosen.filter((k) => k !== name))}
                />
                <Group gap={2} wrap="nowrap">
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="gray.8"
                    aria-label={t('columns.moveUp', { column: labelOf(name) })}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </ActionIcon>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="gray.8"
                    aria-label={t('columns.moveDown', { column: labelOf(name) })}
                    disabled={i === chosen.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </ActionIcon>
                </Group>
              </Group>
            ))}
            {others.map((field) => (
              <Checkbox
                key={field.name}
                size="xs"
                py={3}
                label={fieldLabel(field, t, i18n.language)}
                checked={false}
                onChange={() => onChange([...chosen, field.name])}
              />
            ))}
          </Stack>
        </ScrollArea.Autosize>
        {customized && (
          <Button variant="subtle" size="xs" mt="xs" onClick={() => onChange(null)}>
            {t('columns.reset')}
          </Button>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
