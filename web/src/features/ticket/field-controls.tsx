// The inline controls of the ticket page, one per kind of value, all built on useFieldEditor.
import {
  Anchor,
  Checkbox,
  type ComboboxItem,
  Loader,
  MultiSelect,
  Select,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { KeyboardEvent, ReactElement, ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../app/api-client.ts';
import { emptyText, type FieldEditor, FieldNotices, useFieldEditor } from './field-editor.tsx';
import type { TicketPatch } from './ticket-data.ts';

interface BaseProps<T> {
  field: string;
  label: string;
  read: (ticket: Ticket) => T;
  toPatch: (value: T) => TicketPatch;
  via?: 'patch' | 'assign';
  description?: ReactNode;
  /** Marks the label of a required field. */
  required?: boolean;
}

/** Mantine's dimmed descriptions are too faint for WCAG AA at this size. */
export const readableDescription = { description: { color: 'var(--mantine-color-gray-7)' } };

/** A field the agent may not change: shown read-only, saying so under it. */
function useLockProps(editor: { locked: boolean }): { readOnly?: boolean; description?: string } {
  const { t } = useTranslation('ticket');
  return editor.locked ? { readOnly: true, description: t('fields.readOnly') } : {};
}

const saving = (editor: FieldEditor<unknown>) =>
  editor.saving ? <Loader size={12} aria-hidden /> : undefined;

/** Single- or multi-line text: Enter (Ctrl+Enter when multi-line) or leaving the field saves, Escape reverts. */
export function TextField({
  multiline,
  type,
  validate,
  minRows,
  ...props
}: BaseProps<string> & {
  multiline?: boolean;
  type?: 'text' | 'email' | 'url' | 'date' | 'datetime-local';
  validate?: (value: string) => string | null;
  minRows?: number;
}): ReactElement {
  const { t } = useTranslation('ticket');
  const editor = useFieldEditor<string>({ ...props, ...(validate ? { validate } : {}) });
  const lock = useLockProps(editor);
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void (editor.conflict ? editor.reapply() : editor.commit());
    } else if (e.key === 'Escape' && (editor.dirty || editor.error)) {
      e.preventDefault();
      e.stopPropagation();
      editor.revert();
    }
  };
  const common = {
    label: props.label,
    withAsterisk: props.required,
    description: props.description,
    value: editor.shown,
    error: editor.error,
    onChange: (e: { currentTarget: { value: string } }) => editor.change(e.currentTarget.value),
    onKeyDown,
    onBlur: () => {
      if (!editor.conflict) void editor.commit();
    },
    rightSection: saving(editor as FieldEditor<unknown>),
    size: 'xs' as const,
    styles: readableDescription,
    'data-dirty': editor.dirty || undefined,
    ...lock,
  };
  const display = (v: string) => (type === 'datetime-local' ? v.replace('T', ' ') : v) || emptyText;
  return (
    <div>
      {multiline ? (
        <Textarea {...common} autosize minRows={minRows ?? 2} maxRows={12} />
      ) : (
        <TextInput
          {...common}
          type={type ?? 'text'}
          rightSection={
            type === 'url' && editor.shown && !editor.dirty && /^https?:\/\//.test(editor.shown) ? (
              <Anchor
                href={editor.shown}
                target="_blank"
                rel="noreferrer noopener"
                size="xs"
                aria-label={t('fields.openLink')}
              >
                ↗
              </Anchor>
            ) : (
              common.rightSection
            )
          }
        />
      )}
      <FieldNotices editor={editor} display={display} />
    </div>
  );
}

/** A choice from a list, saved when picked. */
export function SelectField({
  data,
  clearable,
  searchable,
  ...props
}: BaseProps<string | null> & {
  data: ComboboxItem[];
  clearable?: boolean;
  searchable?: boolean;
}): ReactElement {
  const { t } = useTranslation('ticket');
  const editor = useFieldEditor<string | null>(props);
  const lock = useLockProps(editor);
  const labelOf = (v: string | null) => (v ? (data.find((d) => d.value === v)?.label ?? v) : emptyText);
  // An inactive value the ticket still has stays visible.
  const options =
    editor.shown && !data.some((d) => d.value === editor.shown)
      ? [...data, { value: editor.shown, label: editor.shown }]
      : data;
  return (
    <div>
      <Select
        label={props.label}
        withAsterisk={props.required}
        description={props.description}
        data={options}
        value={editor.shown}
        onChange={(v) => void editor.set(v)}
        clearable={clearable}
        allowDeselect={false}
        searchable={searchable}
        nothingFoundMessage={t('fields.nothingFound')}
        error={editor.error}
        rightSection={editor.saving ? <Loader size={12} aria-hidden /> : undefined}
        placeholder={emptyText}
        size="xs"
        comboboxProps={{ withinPortal: true }}
        styles={readableDescription}
        {...lock}
      />
      <FieldNotices editor={editor} display={labelOf} />
    </div>
  );
}

/** Several choices from a list, saved at each change. */
export function MultiSelectField({
  data,
  ...props
}: BaseProps<string[]> & { data: ComboboxItem[] }): ReactElement {
  const editor = useFieldEditor<string[]>(props);
  const lock = useLockProps(editor);
  const labelOf = (v: string[]) =>
    v.length ? v.map((k) => data.find((d) => d.value === k)?.label ?? k).join(', ') : emptyText;
  return (
    <div>
      <MultiSelect
        label={props.label}
        withAsterisk={props.required}
        data={data}
        value={editor.shown}
        onChange={(v) => void editor.set(v)}
        error={editor.error}
        clearable
        size="xs"
        comboboxProps={{ withinPortal: true }}
        styles={readableDescription}
        {...lock}
      />
      <FieldNotices editor={editor} display={labelOf} />
    </div>
  );
}

/** Tags: typed, Enter adds; saved at each change. */
export function TagsField(props: BaseProps<string[]> & { suggestions?: string[] }): ReactElement {
  const { t } = useTranslation('ticket');
  const editor = useFieldEditor<string[]>(props);
  const lock = useLockProps(editor);
  return (
    <div>
      <TagsInput
        label={props.label}
        description={t('fields.tagsHint')}
        data={props.suggestions ?? []}
        value={editor.shown}
        onChange={(v) => void editor.set(v)}
        error={editor.error}
        clearable
        size="xs"
        styles={readableDescription}
        splitChars={[',']}
        {...lock}
      />
      <FieldNotices editor={editor} display={(v) => (v.length ? v.join(', ') : emptyText)} />
    </div>
  );
}

export function CheckboxField(props: BaseProps<boolean>): ReactElement {
  const { t } = useTranslation('ticket');
  const editor = useFieldEditor<boolean>(props);
  return (
    <div>
      <Checkbox
        label={props.label}
        checked={editor.shown}
        onChange={(e) => void editor.set(e.currentTarget.checked)}
        error={editor.error}
        size="xs"
        mt={4}
        disabled={editor.locked}
        description={editor.locked ? t('fields.readOnly') : undefined}
      />
      <FieldNotices editor={editor} display={(v) => (v ? t('fields.yes') : t('fields.no'))} />
    </div>
  );
}

/**
 * A record chosen by searching the server (contact, organization, product). `search` returns
 * options for a typed text; the current record's option is passed in so it always has a label.
 */
export function SearchSelectField({
  current,
  search,
  ...props
}: BaseProps<string | null> & {
  current: ComboboxItem | null;
  search: (q: string) => Promise<ComboboxItem[]>;
}): ReactElement {
  const { t } = useTranslation('ticket');
  const editor = useFieldEditor<string | null>(props);
  const lock = useLockProps(editor);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const found = useQuery({
    queryKey: ['ticket-field-search', props.field, debounced],
    enabled: debounced !== '' && debounced !== current?.label,
    queryFn: () => search(debounced),
    staleTime: 30_000,
  });
  const searching = found.isFetching;
  const known = [...(current ? [current] : []), ...(found.data ?? [])];
  const options = known.filter((o, i) => known.findIndex((x) => x.value === o.value) === i);
  const labelOf = (v: string | null) => (v ? (options.find((o) => o.value === v)?.label ?? v) : emptyText);
  return (
    <div>
      <Select
        label={props.label}
        data={options}
        value={editor.shown}
        onChange={(v) => void editor.set(v)}
        searchable
        searchValue={query}
        onSearchChange={setQuery}
        filter={({ options: o }) => o}
        clearable
        placeholder={t('fields.searchPlaceholder')}
        nothingFoundMessage={query.trim() ? t('fields.nothingFound') : t('fields.typeToSearch')}
        error={editor.error}
        rightSection={editor.saving || searching ? <Loader size={12} aria-hidden /> : undefined}
        size="xs"
        comboboxProps={{ withinPortal: true }}
        styles={readableDescription}
        {...lock}
      />
      <FieldNotices editor={editor} display={labelOf} />
    </div>
  );
}
