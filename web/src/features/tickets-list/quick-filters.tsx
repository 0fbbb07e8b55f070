// Quick filters layered on any view: priority, channel, product, group and tags.
import { Button, Group, MultiSelect, TagsInput } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGroups, usePicklistLabel, usePicklists } from '../../app/reference-data.ts';
import { CHANNELS } from './ticket-field-catalog.ts';
import { QUICK_FILTER_KEYS, type QuickFilters } from './ticket-list-search.ts';
import { useProducts } from './view-data.ts';

export function QuickFilterBar({
  value,
  onChange,
}: {
  value: QuickFilters;
  onChange: (next: QuickFilters) => void;
}): ReactElement {
  const { t } = useTranslation('ticketsList');
  const picklists = usePicklists().data;
  const label = usePicklistLabel();
  const groups = useGroups().data ?? [];
  // Products load when the agent opens that filter (or one is already chosen), not on every visit.
  const [wantProducts, setWantProducts] = useState(Boolean(value.product?.length));
  const products = useProducts(wantProducts || Boolean(value.product?.length)).data ?? [];
  const active = QUICK_FILTER_KEYS.some((k) => value[k]?.length);
  const set = (key: keyof QuickFilters) => (list: string[]) =>
    onChange({ ...value, [key]: list.length ? list : undefined });
  const common = {
    size: 'xs',
    w: 170,
    clearable: true,
    searchable: true,
    maxDropdownHeight: 280,
    comboboxProps: { withinPortal: true },
    // The placeholder is the visible label here, so it gets full text contrast.
    styles: { input: { '--input-placeholder-color': 'var(--mantine-color-gray-7)' } },
  } as const;
  return (
    <Group gap={6} wrap="wrap" role="group" aria-label={t('quick.title')}>
      <MultiSelect
        {...common}
        aria-label={t('field.priority')}
        placeholder={value.priority?.length ? undefined : t('field.priority')}
        data={(picklists?.priority ?? []).map((p) => ({ value: p.key, label: label('priority', p.key) }))}
        value={value.priority ?? []}
        onChange={set('priority')}
      />
      <MultiSelect
        {...common}
        aria-label={t('field.channel')}
        placeholder={value.channel?.length ? undefined : t('field.channel')}
        data={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        value={value.channel ?? []}
        onChange={set('channel')}
      />
      <MultiSelect
        {...common}
        aria-label={t('field.productId')}
        placeholder={value.product?.length ? undefined : t('field.productId')}
        data={products.map((p) => ({ value: p.id, label: p.name }))}
        value={value.product ?? []}
        onChange={set('product')}
        onDropdownOpen={() => setWantProducts(true)}
        nothingFoundMessage={t('quick.nothingFound')}
      />
      <MultiSelect
        {...common}
        aria-label={t('field.ownerGroupId')}
        placeholder={value.group?.length ? undefined : t('field.ownerGroupId')}
        data={groups.map((g) => ({ value: g.id, label: g.name }))}
        value={value.group ?? []}
        onChange={set('group')}
        nothingFoundMessage={t('quick.nothingFound')}
      />
      <TagsInput
        size="xs"
        w={170}
        styles={common.styles}
        clearable
        aria-label={t('field.tags')}
        placeholder={value.tags?.length ? undefined : t('field.tags')}
        value={value.tags ?? []}
        onChange={set('tags')}
      />
      {active && (
        <Button
          variant="subtle"
          size="xs"
          onClick={() => onChange(Object.fromEntries(QUICK_FILTER_KEYS.map((k) => [k, undefined])))}
        >
          {t('quick.clear')}
        </Button>
      )}
    </Group>
  );
}
