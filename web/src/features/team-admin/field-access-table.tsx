// A3: per ticket field, hidden / read-only / editable for the agents of a profile (standard fields
// and every custom field, from the catalog). Editable is the default and is not stored.
import { SegmentedControl, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import type { Catalog, FieldLevel } from './team-data.ts';

/** A custom field's label in the agent's language (the catalog carries the English one). */
function useCustomFieldLabel(): (key: string, english: string) => string {
  const { i18n } = useTranslation();
  const fields = useQuery({
    queryKey: ['custom-fields'],
    queryFn: async () => unwrap(await api.GET('/api/v1/custom-fields')).items,
    staleTime: 5 * 60_000,
  }).data;
  return (key, english) => {
    const labels = (fields?.find((f) => `custom.${f.key}` === key)?.labels ?? {}) as Record<string, unknown>;
    const label = labels[i18n.language] ?? labels.en;
    return typeof label === 'string' && label ? label : english;
  };
}

const LEVELS: readonly FieldLevel[] = ['hidden', 'read_only', 'editable'];

export function FieldAccessTable({
  catalog,
  value,
  onChange,
  errors,
  readOnly,
}: {
  catalog: Catalog;
  value: Record<string, FieldLevel>;
  onChange: (value: Record<string, FieldLevel>) => void;
  errors: Record<string, unknown>;
  readOnly: boolean;
}): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const customLabel = useCustomFieldLabel();
  return (
    <Table verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('fieldAccess.field')}</Table.Th>
          <Table.Th>{t('fieldAccess.access')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {catalog.fields.map((f) => {
          const label = f.custom
            ? customLabel(f.key, f.label)
            : t(`field.${f.key}`, { defaultValue: f.label });
          const error = errors[`fieldAccess.${f.key}`];
          return (
            <Table.Tr key={f.key} data-field={f.key}>
              <Table.Td>
                <Text size="sm" id={`field-access-${f.key}`}>
                  {label}
                </Text>
                {f.custom && (
                  <Text size="xs" c="gray.7">
                    {t('fieldAccess.custom')}
                  </Text>
                )}
                {typeof error === 'string' && (
                  <Text size="xs" c="red.8" role="alert">
                    {error}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <SegmentedControl
                  size="xs"
                  aria-labelledby={`field-access-${f.key}`}
                  disabled={readOnly}
                  value={value[f.key] ?? 'editable'}
                  onChange={(level) => onChange({ ...value, [f.key]: level as FieldLevel })}
                  data={LEVELS.map((l) => ({ value: l, label: t(`fieldAccess.${l}`) }))}
                />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
