// Text with the searched words marked (<mark>), and a ticket status as a colored badge.
import { Badge, Highlight } from '@mantine/core';
import type { ReactElement } from 'react';
import { usePicklistLabel, usePicklists } from '../../app/reference-data.ts';

export function MatchedText({
  text,
  words,
  size = 'sm',
  c,
}: {
  text: string;
  words: string[];
  size?: 'xs' | 'sm';
  c?: string;
}): ReactElement {
  return (
    <Highlight
      component="span"
      size={size}
      c={c}
      highlight={words}
      highlightStyles={{ padding: 0, fontWeight: 600, background: 'var(--mantine-color-yellow-2)' }}
    >
      {text}
    </Highlight>
  );
}

const CATEGORY_COLORS: Record<string, string> = {
  new: 'blue',
  open: 'teal',
  pending: 'yellow',
  resolved: 'green',
  closed: 'gray',
};

export function StatusBadge({ status }: { status: string }): ReactElement {
  const label = usePicklistLabel();
  const category = usePicklists().data?.status?.find((v) => v.key === status)?.category ?? '';
  return (
    <Badge
      variant="light"
      size="sm"
      radius="sm"
      tt="none"
      color={CATEGORY_COLORS[category] ?? 'gray'}
      styles={{ label: { color: 'var(--mantine-color-text)' } }}
      style={{ flexShrink: 0 }}
      data-status={status}
    >
      {label('status', status)}
    </Badge>
  );
}
