// Text with the searched words marked (<mark>).
import { Highlight } from '@mantine/core';
import type { ReactElement } from 'react';

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
