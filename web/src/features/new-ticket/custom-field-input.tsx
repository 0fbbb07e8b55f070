// One input per custom field type (X1), labelled in the agent's language.
import { Checkbox, MultiSelect, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../app/api-client.ts';
import { useAgents } from '../../app/reference-data.ts';

type Labels = Record<string, string | undefined>;

export function useLabelOf() {
  const { i18n } = useTranslation();
  return (labels: unknown, fallback: string): string => {
    const l = (labels ?? {}) as Labels;
    return l[i18n.language] ?? l.en ?? fallback;
  };
}

export function CustomFieldInput({
  field,
  value,
  onChange,
  error,
  timeZone,
}: {
  field: CustomField;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: string | undefined;
  timeZone: string;
}): ReactElement {
  const { t } = useTranslation('newTicket');
  const labelOf = useLabelOf();
  const agents = useAgents().data ?? [];
  const common = {
    label: labelOf(field.labels, field.key),
    withAsterisk: field.required,
    'aria-required': field.required || undefined,
    error,
  };
  const text = typeof value === 'string' ? value : '';
  const options = field.options.map((o) => ({ value: o.key, label: labelOf(o.labels, o.key) }));

  switch (field.type) {
    case 'long_text':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxRows={8}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'integer':
    case 'decimal':
      return (
        <NumberInput
          {...common}
          allowDecimal={field.type === 'decimal'}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : v === '' ? null : Number(v))}
        />
      );
    case 'date':
      return (
        <TextInput {...common} type="date" value={text} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    case 'datetime':
      return (
        <TextInput
          {...common}
          type="datetime-local"
          description={t('customField.timeZone', { zone: timeZone })}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'checkbox':
      return (
        <Checkbox
          label={common.label}
          error={error}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          mt="lg"
        />
      );
    case 'picklist':
      return (
        <Select
          {...common}
          data={options}
          value={text || null}
          onChange={(v) => onChange(v)}
          clearable
          searchable={options.length > 8}
        />
      );
    case 'multi_picklist':
      return (
        <MultiSelect
          {...common}
          data={options}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(v) => onChange(v)}
          clearable
          searchable={options.length > 8}
        />
      );
    case 'user':
      return (
        <Select
          {...common}
          data={agents.filter((a) => a.active).map((a) => ({ value: a.id, label: a.name }))}
          value={text || null}
          onChange={(v) => onChange(v)}
          clearable
          searchable
        />
      );
    case 'email':
      return (
        <TextInput {...common} type="email" value={text} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    case 'url':
      return (
        <TextInput
          {...common}
          type="url"
          placeholder="https://"
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    default:
      return <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}
