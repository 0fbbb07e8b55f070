// A list page of customer records: search box, dense table, "load more" with the server's cursor.
import { Button, Group, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { type ReactElement, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function RecordList<T extends { id: string }>({
  title,
  searchLabel,
  queryKey,
  fetchPage,
  columns,
  actions,
  emptyText,
}: {
  title: string;
  searchLabel: string;
  /** The records' cache key (e.g. ['contacts']); the search text is added to it. */
  queryKey: readonly string[];
  fetchPage: (q: string, cursor: string | undefined) => Promise<Page<T>>;
  columns: Column<T>[];
  actions?: ReactNode;
  emptyText: string;
}): ReactElement {
  const { t } = useTranslation('customers');
  const titleId = useId();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useInfiniteQuery({
    queryKey: [...queryKey, 'list', q],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchPage(q, pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section aria-labelledby={titleId}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id={titleId}>
          {title}
        </Title>
        {actions}
      </Group>
      <TextInput
        type="search"
        label={searchLabel}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={420}
        mb="sm"
      />
      {list.isError && <Text role="alert">{t('common.unexpectedError')}</Text>}
      <Table
        striped
        highlightOnHover
        verticalSpacing={4}
        fz="sm"
        aria-labelledby={titleId}
        aria-busy={list.isFetching}
      >
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.header}>{c.header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              {columns.map((c) => (
                <Table.Td key={c.header}>{c.cell(row)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && !list.isLoading && !list.isError && (
        <Text c="gray.7" size="sm" p="md">
          {q ? t('list.nothingFound') : emptyText}
        </Text>
      )}
      {list.hasNextPage && (
        <Button
          variant="subtle"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
          mt="xs"
        >
          {t('list.more')}
        </Button>
      )}
    </section>
  );
}

/** Several values in one cell: the first, then how many more. */
export function FirstOf({ values }: { values: string[] }): ReactElement {
  const { t } = useTranslation('customers');
  if (values.length === 0) return <Text size="sm">—</Text>;
  return (
    <Text size="sm">
      {values[0]}
      {values.length > 1 && (
        <Text span size="xs" c="gray.7">
          {' '}
          {t('list.andMore', { count: values.length - 1 })}
        </Text>
      )}
    </Text>
  );
}
