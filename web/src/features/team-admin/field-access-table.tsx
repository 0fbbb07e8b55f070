// A3: per ticket field, hidden / read-only / editable for the agents of a profile (standard fields
// and every custom field, from the catalog). Editable is the default and is not stored.
import { SegmentedControl, Table, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog, FieldLevel } from './team-data.ts';

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
          const label = f.custom ? f.label : t(`field.${f.key}`, { defaultValue: f.label });
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
