// The header search box: `/` focuses it from anywhere; Enter shows results across tickets,
// contacts and organizations.
import { TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { type ReactElement, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function GlobalSearchBox(): ReactElement {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState('');
  useHotkeys([['/', () => input.current?.focus()]], ['INPUT', 'TEXTAREA', 'SELECT']);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim()) void navigate({ to: '/search', search: { q: q.trim() } });
      }}
      style={{ flex: 1, maxWidth: 480 }}
    >
      <TextInput
        ref={input}
        aria-label={t('shell.search')}
        placeholder={t('shell.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') input.current?.blur();
        }}
      />
    </form>
  );
}
