// Searchable selects over records the server pages (organizations, products): the text typed is
// sent as `q`, so a long list never has to be loaded whole.
import { Group, Select, type SelectProps, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api-client.ts';
import { TierBadge } from './customer-badges.tsx';
import type { OrganizationTier } from './customer-data.ts';

export interface OrganizationChoice {
  id: string;
  name: string;
  tier: OrganizationTier;
}

export interface ProductChoice {
  id: string;
  name: string;
}

type PassThrough = Pick<SelectProps, 'label' | 'description' | 'error' | 'disabled' | 'readOnly' | 'size'>;

/** The text to search by: nothing while the box shows the chosen record's own name. */
function useSearchText(selectedName: string | undefined) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const q = debounced.trim() === (selectedName ?? '') ? '' : debounced.trim();
  return { search, setSearch, q };
}

export function OrganizationSelect({
  value,
  onChange,
  ...props
}: PassThrough & {
  value: OrganizationChoice | null;
  onChange: (organization: OrganizationChoice | null) => void;
}): ReactElement {
  const { t } = useTranslation('customers');
  const { search, setSearch, q } = useSearchText(value?.name);
  const found = useQuery({
    queryKey: ['organizations', 'choices', q],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/organizations', { params: { query: { ...(q ? { q } : {}), limit: 20 } } }),
      ).items,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const choices: OrganizationChoice[] = [
    ...(value ? [value] : []),
    ...(found.data ?? [])
      .filter((o) => o.id !== value?.id)
      .map((o) => ({ id: o.id, name: o.name, tier: o.tier })),
  ];
  const tierOf = new Map(choices.map((c) => [c.id, c.tier]));
  return (
    <Select
      {...props}
      searchable
      clearable
      placeholder={t('organization.searchPlaceholder')}
      nothingFoundMessage={t('list.nothingFound')}
      data={choices.map((c) => ({ value: c.id, label: c.name }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(choices.find((c) => c.id === id) ?? null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      renderOption={({ option }) => {
        const tier = tierOf.get(option.value);
        return (
          <Group gap="xs" justify="space-between" w="100%" wrap="nowrap">
            <Text size="sm">{option.label}</Text>
            {tier && tier !== 'standard' && <TierBadge tier={tier} size="xs" />}
          </Group>
        );
      }}
    />
  );
}

export function ProductSelect({
  value,
  onChange,
  ...props
}: PassThrough & {
  value: ProductChoice | null;
  onChange: (product: ProductChoice | null) => void;
}): ReactElement {
  const { t } = useTranslation('customers');
  const { search, setSearch, q } = useSearchText(value?.name);
  const found = useQuery({
    queryKey: ['products', 'choices', q],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/products', {
          params: { query: { ...(q ? { q } : {}), active: true, limit: 50 } },
        }),
      ).items,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const choices: ProductChoice[] = [
    ...(value ? [value] : []),
    ...(found.data ?? []).filter((p) => p.id !== value?.id).map((p) => ({ id: p.id, name: p.name })),
  ];
  return (
    <Select
      {...props}
      searchable
      clearable
      placeholder={t('product.searchPlaceholder')}
      nothingFoundMessage={t('list.nothingFound')}
      data={choices.map((c) => ({ value: c.id, label: c.name }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(choices.find((c) => c.id === id) ?? null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
    />
  );
}
