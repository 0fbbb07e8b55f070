// A message's rich text as the server stored it (sanitized there), cleaned once more before it is
// shown: on the ticket page and on the printed ticket.
import { TypographyStylesProvider } from '@mantine/core';
import DOMPurify from 'dompurify';
import { type ReactElement, useMemo } from 'react';

/** Rich text as the server stored it (sanitized there), cleaned once more before it is shown. */
export function RichBody({ html }: { html: string }): ReactElement {
  const clean = useMemo(
    () =>
      DOMPurify.sanitize(html, {
        FORBID_TAGS: ['style', 'form', 'input', 'svg', 'math'],
        FORBID_ATTR: ['style', 'class', 'id'],
      }),
    [html],
  );
  return (
    <TypographyStylesProvider
      fz="sm"
      data-rich-body
      style={{ overflowWrap: 'anywhere' }}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the server's allow-list and again by DOMPurify
      dangerouslySetInnerHTML={{ __html: clean }}
    />
  );
}
