// The value picker of one field condition, driven by the field's type and the operator: picklists
// and records become selects, tags and lists become tag inputs, dates become date inputs.
import {
  type ComboboxParsedItem,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  TagsInput,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import { useAgents, useGroups, usePicklistLabel, usePicklists } from '../../app/reference-data.ts';
import { type FieldInfo, localLabel, type ValueSource, valueShape } from './ticket-field-catalog.ts';
import { useProducts } from './view-data.ts';

interface Option {
  value: string;
  label: string;
}

function useDepartments(enabled: boolean) {
  return useQuery({
    queryKey: ['departments'],
    queryFn: async () => unwrap(await api.GET('/api/v1/departments')).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Options of a closed set of values (picklists, agents, groups, …); null for record searches. */
function useOptions(source: ValueSource | undefined): Option[] | null {
  const { t, i18n } = useTranslation('ticketsList');
  const kind = source?.kind;
  const picklists = usePicklists().data;
  const label = usePicklistLabel();
  const agents = useAgents().data;
  const groups = useGroups().data;
  const products = useProducts(kind === 'products').data;
  const departments = useDepartments(kind === 'departments').data;
  switch (source?.kind) {
    case 'picklist':
      return (picklists?.[source.name] ?? []).map((v) => ({
        value: v.key,
        label: label(source.name, v.key),
      }));
    case 'fixed':
      return source.values.map((v) => ({
        value: v,
        label: t(`${source.labelPrefix}.${v}`, { defaultValue: v }),
      }));
    case 'options':
      return source.options.map((o) => ({ value: o.key, label: localLabel(o.labels, i18n.language, o.key) }));
    case 'agents':
      return (agents ?? []).map((a) => ({ value: a.id, label: a.name }));
    case 'groups':
      return (groups ?? []).map((g) => ({ value: g.id, label: g.name }));
    case 'products':
      return (products ?? []).map((p) => ({ value: p.id, label: p.name }));
    case 'departments':
      return (departments ?? []).map((d) => ({ value: d.id, label: d.name }));
    default:
      return null;
  }
}

/** Contacts and organizations are too many to list: search them by name. */
function RecordSearch({
  kind,
  value,
  multiple,
  onChange,
  label,
  error,
}: {
  kind: 'contacts' | 'organizations';
  value: unknown;
  multiple: boolean;
  onChange: (v: unknown) => void;
  label: string;
  error: string | undefined;
}): ReactElement {
  const { t } = useTranslation('ticketsList');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [known, setKnown] = useState<Record<string, string>>({});
  const ids = (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []).filter(
    (v): v is string => typeof v === 'string',
  );
  const found = useQuery({
    queryKey: [kind, 'search', q],
    queryFn: async () => {
      const page =
        kind === 'contacts'
          ? unwrap(await api.GET('/api/v1/contacts', { params: { query: { q, limit: 20 } } }))
          : unwrap(await api.GET('/api/v1/organizations', { params: { query: { q, limit: 20 } } }));
      return page.items.map((r) => ({ value: r.id, label: r.name }));
    },
    staleTime: 30_000,
  });
  // Names of values already chosen, for a view opened from the server.
  const names = useQuery({
    queryKey: [kind, 'names', ids.filter((id) => !known[id]).join(',')],
    enabled: ids.some((id) => !known[id]),
    queryFn: async () => {
      const out: Record<string, string> = {};
      for (const id of ids.filter((x) => !known[x])) {
        const res =
          kind === 'contacts'
            ? await api.GET('/api/v1/contacts/{id}', { params: { path: { id } } })
            : await api.GET('/api/v1/organizations/{id}', { params: { path: { id } } });
        out[id] = res.data?.name ?? id;
      }
      return out;
    },
  });
  const labels = { ...names.data, ...known };
  const data: Option[] = [
    ...ids.map((id) => ({ value: id, label: labels[id] ?? '…' })),
    ...(found.data ?? []).filter((o) => !ids.includes(o.value)),
  ];
  const remember = (chosen: string[]) => {
    const add: Record<string, string> = {};
    for (const id of chosen) {
      const option = data.find((o) => o.value === id);
      if (option) add[id] = option.label;
    }
    setKnown((k) => ({ ...k, ...add }));
  };
  const common = {
    'aria-label': label,
    searchable: true,
    searchValue: search,
    onSearchChange: setSearch,
    filter: ({ options }: { options: ComboboxParsedItem[] }) => options,
    data,
    error,
    size: 'xs',
    placeholder: t('editor.searchRecords'),
    nothingFoundMessage: t('quick.nothingFound'),
    style: { flex: 1 },
  } as const;
  return multiple ? (
    <MultiSelect
      {...common}
      value={ids}
      onChange={(v) => {
        remember(v);
        onChange(v);
      }}
    />
  ) : (
    <Select
      {...common}
      value={ids[0] ?? null}
      onChange={(v) => {
        if (v) remember([v]);
        onChange(v ?? undefined);
      }}
    />
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
/** ISO instant → the value of a datetime-local input, in this browser's zone. */
function toLocalInput(iso: unknown): string {
  if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const fromLocalInput = (v: string): string | undefined => (v ? new Date(v).toISOString() : undefined);

function ScalarInput({
  field,
  value,
  onChange,
  label,
  error,
}: {
  field: FieldInfo;
  value: unknown;
  onChange: (v: unknown) => void;
  label: string;
  error: string | undefined;
}): ReactElement {
  const { t } = useTranslation('ticketsList');
  const options = useOptions(field.source);
  switch (field.type) {
    case 'boolean':
      return (
        <Select
          size="xs"
          aria-label={label}
          error={error}
          data={[
            { value: 'true', label: t('value.yes') },
            { value: 'false', label: t('value.no') },
          ]}
          value={value === undefined ? null : String(value)}
          onChange={(v) => onChange(v === null ? undefined : v === 'true')}
          allowDeselect={false}
          w={120}
        />
      );
    case 'number':
      return (
        <NumberInput
          size="xs"
          aria-label={label}
          error={error}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
          w={140}
        />
      );
    case 'datetime':
      return (
        <TextInput
          size="xs"
          type="datetime-local"
          aria-label={label}
          error={error}
          value={toLocalInput(value)}
          onChange={(e) => onChange(fromLocalInput(e.currentTarget.value))}
          w={200}
        />
      );
    case 'date':
      return (
        <TextInput
          size="xs"
          type="date"
          aria-label={label}
          error={error}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value || undefined)}
          w={160}
        />
      );
    case 'enum':
    case 'id':
      if (field.source?.kind === 'contacts' || field.source?.kind === 'organizations')
        return (
          <RecordSearch
            kind={field.source.kind}
            value={value}
            multiple={false}
            onChange={onChange}
            label={label}
            error={error}
          />
        );
      return (
        <Select
          size="xs"
          aria-label={label}
          error={error}
          searchable
          data={options ?? []}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange(v ?? undefined)}
          style={{ flex: 1 }}
        />
      );
    default:
      return (
        <TextInput
          size="xs"
          aria-label={label}
          error={error}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
      );
  }
}

export function ValueInput({
  field,
  op,
  value,
  onChange,
  label,
  error,
}: {
  field: FieldInfo;
  op: string;
  value: unknown;
  onChange: (v: unknown) => void;
  label: string;
  error: string | undefined;
}): ReactElement | null {
  const { t } = useTranslation('ticketsList');
  const options = useOptions(field.source);
  const shape = valueShape(op);
  if (shape === 'none') return null;
  if (shape === 'range') {
    const pair = Array.isArray(value) ? value : [undefined, undefined];
    return (
      <Group gap={4} wrap="nowrap">
        <ScalarInput
          field={field}
          value={pair[0]}
          onChange={(v) => onChange([v, pair[1]])}
          label={t('editor.from', { field: label })}
          error={error}
        />
        <ScalarInput
          field={field}
          value={pair[1]}
          onChange={(v) => onChange([pair[0], v])}
          label={t('editor.to', { field: label })}
          error={undefined}
        />
      </Group>
    );
  }
  if (shape === 'scalar')
    return <ScalarInput field={field} value={value} onChange={onChange} label={label} error={error} />;
  // Lists
  const list = Array.isArray(value) ? value.map(String) : [];
  if (field.source?.kind === 'contacts' || field.source?.kind === 'organizations')
    return (
      <RecordSearch
        kind={field.source.kind}
        value={value}
        multiple
        onChange={onChange}
        label={label}
        error={error}
      />
    );
  if (options && (field.type === 'enum' || field.type === 'id' || field.type === 'tags') && field.source)
    return (
      <MultiSelect
        size="xs"
        aria-label={label}
        error={error}
        searchable
        data={options}
        value={list}
        onChange={onChange}
        style={{ flex: 1 }}
      />
    );
  return (
    <TagsInput
      size="xs"
      aria-label={label}
      error={error}
      value={list}
      placeholder={t('editor.typeEnter')}
      onChange={(v) =>
        onChange(field.type === 'number' ? v.map(Number).filter((n) => Number.isFinite(n)) : v)
      }
      style={{ flex: 1 }}
    />
  );
}
