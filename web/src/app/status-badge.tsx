// A ticket's status as a badge, the same everywhere (list, search, the ticket's header): one color
// per status category, the words in the page's text color (readable on the light tint in both
// color schemes), and the whole name on hover when a narrow column cuts it.
import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactElement } from 'react';
import { usePicklistLabel, usePicklists } from './reference-data.ts';

const CATEGORY_COLORS: Record<string, string> = {
  new: 'blue',
  open: 'teal',
  pending: 'yellow',
  resolved: 'green',
  closed: 'gray',
};

export function StatusBadge({
  status,
  category,
  size = 'sm',
}: {
  status: string;
  /** The status's category when the caller has it (a ticket's `statusCategory`); else looked up. */
  category?: string | undefined;
  size?: BadgeProps['size'];
}): ReactElement {
  const label = usePicklistLabel();
  const picklists = usePicklists().data;
  const known = category ?? picklists?.status?.find((v) => v.key === status)?.category ?? '';
  const text = label('status', status);
  return (
    <Badge
      variant="light"
      size={size}
      radius="sm"
      tt="none"
      color={CATEGORY_COLORS[known] ?? 'gray'}
      styles={{ label: { color: 'var(--mantine-color-text)' } }}
      style={{ flexShrink: 0, maxWidth: '100%' }}
      title={text}
      data-status={status}
      data-status-category={known || undefined}
    >
      {text}
    </Badge>
  );
}
