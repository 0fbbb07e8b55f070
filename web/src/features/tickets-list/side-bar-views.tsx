// The side bar's views (V2–V3): built-in views, shared views and the agent's own, each with its
// count, all counted in one request and kept live.
import { Badge, Loader, Text } from '@mantine/core';
import { useLocation, useSearch } from '@tanstack/react-router';
import { type ReactElement, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import { RouterAnchor, RouterNavLink } from '../../app/links.tsx';
import { BUILT_IN_VIEWS, canonicalViewId } from './built-in-views.ts';
import {
  countOf,
  formatCount,
  type SavedView,
  sideBarCounts,
  useSavedViews,
  useTicketCounts,
  type ViewCount,
} from './view-data.ts';

function Count({ count }: { count: ViewCount | undefined }) {
  const format = useFormat();
  if (count === undefined) return null;
  return (
    <Badge
      size="sm"
      variant="light"
      color="gray.8"
      radius="sm"
      styles={{ label: { color: 'var(--mantine-color-text)' } }}
    >
      {formatCount(format, count)}
    </Badge>
  );
}

function Heading({ children }: { children: string }) {
  return (
    <Text size="xs" fw={700} c="gray.7" tt="uppercase" px="xs" pt="sm" pb={4}>
      {children}
    </Text>
  );
}

function Views({ me, active }: { me: string; active: string | undefined }): ReactElement {
  const { t } = useTranslation('ticketsList');
  const saved = useSavedViews().data;
  const counts = useTicketCounts(sideBarCounts(me, saved)).data;
  const current = active === undefined ? 'open' : canonicalViewId(active);
  const savedLink = (view: SavedView) => (
    <RouterNavLink
      key={view.id}
      to="/"
      search={{ view: view.id }}
      label={view.name}
      active={current === view.id}
      rightSection={<Count count={countOf(counts, `view:${view.id}`)} />}
    />
  );
  const shared = (saved ?? []).filter((v) => v.shared);
  const mine = (saved ?? []).filter((v) => !v.shared);
  return (
    <>
      {BUILT_IN_VIEWS.map((view) => (
        <RouterNavLink
          key={view.id}
          to="/"
          search={{ view: view.id }}
          label={t(view.labelKey)}
          active={current === view.id}
          rightSection={<Count count={countOf(counts, view.id)} />}
        />
      ))}
      {shared.length > 0 && <Heading>{t('views.shared')}</Heading>}
      {shared.map(savedLink)}
      <Heading>{t('views.personal')}</Heading>
      {mine.map(savedLink)}
      {mine.length === 0 && (
        <Text size="xs" c="gray.7" px="xs" pb={4}>
          {t('views.noneYet')}
        </Text>
      )}
      <RouterAnchor to="/views/edit" search={{}} size="sm" fw={600} px="xs" py={4} display="block">
        {t('views.new')}
      </RouterAnchor>
    </>
  );
}

export function SideBarViews({ me }: { me: string }): ReactElement {
  const search = useSearch({ strict: false }) as { view?: string };
  const onList = useLocation({ select: (l) => l.pathname }) === '/';
  return (
    <Suspense fallback={<Loader size="xs" m="xs" />}>
      <Views me={me} active={onList ? search.view : '__none__'} />
    </Suspense>
  );
}
