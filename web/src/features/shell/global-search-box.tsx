// The header search box: `/` focuses it from anywhere. Suggestions appear as the agent types
// (tickets, contacts, organizations, with the typed words marked); arrows move between them, Enter
// opens one, or — with none picked — shows every result on the search page.
import { Combobox, Group, Loader, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { type ReactElement, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../app/status-badge.tsx';
import { MatchedText } from '../search/matched-text.tsx';
import { useSearchResults, wordsOf } from '../search/search-data.ts';

const SUGGESTIONS = 5;

export function GlobalSearchBox(): ReactElement {
  const { t } = useTranslation('search');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  useHotkeys([['/', () => input.current?.focus()]], ['INPUT', 'TEXTAREA', 'SELECT']);
  const suggestions = useSearchResults(debounced, SUGGESTIONS, debounced.length >= 2);
  const data = q.trim().length >= 2 ? suggestions.data : undefined;
  const words = wordsOf(debounced);

  const showAll = () => {
    const text = q.trim();
    if (!text) return;
    combobox.closeDropdown();
    input.current?.blur();
    void navigate({ to: '/search', search: { q: text } });
  };
  const open = (value: string) => {
    const [kind, id] = value.split(':') as [string, string];
    combobox.closeDropdown();
    input.current?.blur();
    if (kind === 'all') return showAll();
    setQ('');
    if (kind === 'ticket') void navigate({ to: '/tickets/$ticketId', params: { ticketId: id } });
    else if (kind === 'contact') void navigate({ to: '/contacts/$contactId', params: { contactId: id } });
    else void navigate({ to: '/organizations/$organizationId', params: { organizationId: id } });
  };
  const found = data ? data.tickets.length + data.contacts.length + data.organizations.length : 0;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        showAll();
      }}
      style={{ flex: 1, maxWidth: 480 }}
    >
      <Combobox store={combobox} onOptionSubmit={open} withinPortal>
        <Combobox.Target>
          <TextInput
            ref={input}
            aria-label={tc('shell.search')}
            placeholder={tc('shell.searchPlaceholder')}
            value={q}
            rightSection={suggestions.isFetching ? <Loader size={14} /> : null}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              combobox.openDropdown();
              combobox.resetSelectedOption();
            }}
            onFocus={() => combobox.openDropdown()}
            onBlur={() => combobox.closeDropdown()}
            onKeyDown={(e) => {
              if (e.key === 'Escape') input.current?.blur();
            }}
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={!data} aria-label={t('suggestions')}>
          <Combobox.Options mah={480} style={{ overflowY: 'auto' }}>
            {data && found === 0 && <Combobox.Empty>{t('nothing', { q: debounced })}</Combobox.Empty>}
            {data && data.tickets.length > 0 && (
              <Combobox.Group label={t('tickets')}>
                {data.tickets.map((ticket) => (
                  <Combobox.Option key={ticket.id} value={`ticket:${ticket.id}`}>
                    <Stack gap={0}>
                      <Group gap={6} wrap="nowrap">
                        <Text span size="xs" ff="monospace" c="gray.7" style={{ flexShrink: 0 }}>
                          {ticket.number}
                        </Text>
                        <MatchedText text={ticket.subject} words={words} />
                        <StatusBadge status={ticket.status} category={ticket.statusCategory} />
                      </Group>
                      {data.snippets[ticket.id] && (
                        <MatchedText text={data.snippets[ticket.id]!} words={words} size="xs" c="gray.7" />
                      )}
                    </Stack>
                  </Combobox.Option>
                ))}
              </Combobox.Group>
            )}
            {data && data.contacts.length > 0 && (
              <Combobox.Group label={t('contacts')}>
                {data.contacts.map((c) => (
                  <Combobox.Option key={c.id} value={`contact:${c.id}`}>
                    <Group gap={6} wrap="nowrap">
                      <MatchedText text={c.name} words={words} />
                      {c.emails[0] && <MatchedText text={c.emails[0]} words={words} size="xs" c="gray.7" />}
                    </Group>
                  </Combobox.Option>
                ))}
              </Combobox.Group>
            )}
            {data && data.organizations.length > 0 && (
              <Combobox.Group label={t('organizations')}>
                {data.organizations.map((o) => (
                  <Combobox.Option key={o.id} value={`organization:${o.id}`}>
                    <Group gap={6} wrap="nowrap">
                      <MatchedText text={o.name} words={words} />
                      {o.emailDomains.length > 0 && (
                        <MatchedText text={o.emailDomains.join(', ')} words={words} size="xs" c="gray.7" />
                      )}
                    </Group>
                  </Combobox.Option>
                ))}
              </Combobox.Group>
            )}
            {data && found > 0 && (
              <Combobox.Option value="all:">
                <Text size="sm" c="indigo.9">
                  {t('showAll', { q: debounced })}
                </Text>
              </Combobox.Option>
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
    </form>
  );
}
