// A3: what a profile allows per module — a module × action grid of checkboxes (the modules and the
// actions each offers come from GET /api/v1/profiles/catalog). A row's error names the module.
import { Checkbox, Table, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIONS, type Action, type Catalog } from './team-data.ts';

export function PermissionMatrix({
  catalog,
  value,
  onChange,
  errors,
  readOnly,
}: {
  catalog: Catalog;
  value: Record<string, Action[]>;
  onChange: (value: Record<string, Action[]>) => void;
  errors: Record<string, unknown>;
  readOnly: boolean;
}): ReactElement {
  const { t } = useTranslation('teamAdmin');
  const toggle = (module: string, action: Action, on: boolean) => {
    const current = new Set(value[module] ?? []);
    if (on) current.add(action);
    else current.delete(action);
    // Kept in the catalog's order, so the saved record reads the same as the grid.
    onChange({ ...value, [module]: ACTIONS.filter((a) => current.has(a)) });
  };
  return (
    <Table verticalSpacing={4} withRowBorders>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('matrix.module')}</Table.Th>
          {ACTIONS.map((a) => (
            <Table.Th key={a} ta="center">
              {t(`matrix.action.${a}`)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {catalog.modules.map((m) => {
          const moduleName = t(`module.${m.key}`, { defaultValue: m.key.replace(/_/g, ' ') });
          const error = errors[`permissions.${m.key}`];
          return (
            <Table.Tr key={m.key} data-module={m.key}>
              <Table.Td>
                <Text size="sm">{moduleName}</Text>
                {typeof error === 'string' && (
                  <Text size="xs" c="red.8" role="alert">
                    {error}
                  </Text>
                )}
              </Table.Td>
              {ACTIONS.map((a) => (
                <Table.Td key={a} ta="center">
                  {m.actions.includes(a) && (
                    <Checkbox
                      display="inline-block"
                      aria-label={t('matrix.cell', { module: moduleName, action: t(`matrix.action.${a}`) })}
                      checked={value[m.key]?.includes(a) ?? false}
                      disabled={readOnly}
                      onChange={(e) => toggle(m.key, a, e.currentTarget.checked)}
                    />
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
