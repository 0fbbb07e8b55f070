// The ticket list of a view (V1–V3, N4): quick filters over the view, a dense virtual table with
// sortable, configurable columns, multi-select with bulk actions, live rows and keyboard control.
import { Alert, Button, Group, Loader, Text, Title } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { lazy, type ReactElement, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { useFormat } from '../../app/format.ts';
import { i18n } from '../../app/i18n.ts';
import { useFieldAccess } from '../../app/my-access.ts';
import { useAgents, useGroups, usePicklistLabel } from '../../app/reference-data.ts';
import { useSession } from '../../app/session.tsx';
import { SlaBadge } from '../sla/sla-badge.tsx';
import { mostUrgent, useTicketSlas } from '../sla/sla-data.ts';
import { DEFAULT_COLUMNS } from './built-in-views.ts';
import { ColumnPicker, useRememberedColumns } from './column-picker.tsx';
import { useFittedColumns } from './fitted-widths.ts';
import { buildColumns } from './list-columns.tsx';
import { QuickFilterBar } from './quick-filters.tsx';
import { fieldCatalog } from './ticket-field-catalog.ts';
import classes from './ticket-list.module.css';
import { QUICK_FILTER_KEYS, type QuickFilters } from './ticket-list-search.ts';
import { TicketTable } from './ticket-table.tsx';
import { useTicketList } from './use-ticket-list.ts';
import {
  countOf,
  formatCount,
  layered,
  quickCondition,
  resolveView,
  sideBarCounts,
  useCustomFieldDefs,
  useProducts,
  useSavedViews,
  useTicketCounts,
} from './view-data.ts';
import { stashViewDraft } from './view-draft.ts';

const BulkApplyMacroModal = lazy(() =>
  import('../macros/index.ts').then((m) => ({ default: m.BulkApplyMacroModal })),
);
const BulkEditModal = lazy(() => import('./bulk-edit-modal.tsx').then((m) => ({ default: m.BulkEditModal })));

const listRoute = getRouteApi('/app/');

/**
 * The ticket page is where the agent goes next: once the list is up, its code and strings load in
 * the background, so a click waits only for the ticket's data.
 */
function preloadTicketPage(): () => void {
  const timer = setTimeout(() => {
    void import('../ticket/ticket-page.tsx');
    void i18n.loadNamespaces('ticket');
  }, 100);
  return () => clearTimeout(timer);
}

/** Where the agent was in each list (scroll position and focused row), for this page session. */
const listMemory = new Map<string, { scrollTop: number; focusedId: string | null }>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function TicketListPage(): ReactElement {
  const { t, i18n } = useTranslation('ticketsList');
  const { agent } = useSession();
  const search = listRoute.useSearch();
  const navigate = useNavigate();
  const format = useFormat();
  const picklistLabel = usePicklistLabel();
  const saved = useSavedViews();
  const defs = useCustomFieldDefs().data;
  const agents = useAgents().data;
  const groups = useGroups().data;

  const viewReady = !(search.view && UUID.test(search.view)) || !saved.isPending;
  const view = resolveView(search.view, agent?.id ?? '', saved.data);
  const quick: QuickFilters = Object.fromEntries(QUICK_FILTER_KEYS.map((k) => [k, search[k]]));
  const condition = layered(view.condition, quickCondition(quick));
  // Fields the agent's profile hides can be neither sorted on nor shown (the server refuses them).
  const fieldAccess = useFieldAccess();
  const visible = (field: string) => fieldAccess(field.replace(/^-/, '')) !== 'hidden';
  const sort =
    (search.sort ?? view.sort)
      .split(',')
      .filter((k) => k && visible(k))
      .join(',') || '-updatedAt';
  const title = view.name ?? t(view.labelKey ?? 'views.allOpen');

  const [columnKeys, setColumnKeys, customized] = useRememberedColumns(
    view.id,
    view.columns ?? DEFAULT_COLUMNS,
  );
  const shownKeys = columnKeys.filter(visible);
  const shownColumnsKey = shownKeys.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: shownColumnsKey stands for shownKeys
  const builtColumns = useMemo(
    () => buildColumns(shownKeys, defs, t, i18n.language),
    [shownColumnsKey, defs, t, i18n.language],
  );
  const columns = useFittedColumns(builtColumns);
  const products = useProducts(columnKeys.includes('productId')).data;

  const list = useTicketList(condition, sort, Boolean(agent) && viewReady);
  const listShown = !list.isLoading && list.rows.length > 0;
  useEffect(() => {
    if (listShown) return preloadTicketPage();
  }, [listShown]);
  // Without quick filters the count is the side bar's (same request, shared in the cache).
  const quickOn = quickCondition(quick) !== null;
  const sideBar = useTicketCounts(sideBarCounts(agent?.id ?? '', saved.data), Boolean(agent) && !quickOn);
  const filtered = useTicketCounts(
    { filters: { current: condition } },
    Boolean(agent) && viewReady && quickOn,
  );
  const total = quickOn
    ? countOf(filtered.data, 'current')
    : countOf(sideBar.data, view.saved ? `view:${view.id}` : view.id);

  // Selection and the focused row are kept by ticket id, so live changes never move them. Coming
  // back from a ticket, the list is where the agent left it: same scroll position, same row.
  const listKey = `${JSON.stringify(condition)}|${sort}`;
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [focusedId, setFocusedId] = useState<string | null>(() => listMemory.get(listKey)?.focusedId ?? null);
  const anchor = useRef<string | null>(null);
  // While the agent points at, works in, or has selected rows, new tickets wait behind a button.
  const [interacting, setInteracting] = useState({ hover: false, focus: false });
  const shownKey = useRef(listKey);
  useEffect(() => {
    if (shownKey.current === listKey) return;
    shownKey.current = listKey;
    setSelection(new Set());
    setFocusedId(null);
    setInteracting({ hover: false, focus: false });
    anchor.current = null;
  }, [listKey]);
  useEffect(() => {
    const memory = listMemory.get(listKey) ?? { scrollTop: 0, focusedId: null };
    memory.focusedId = focusedId;
    listMemory.set(listKey, memory);
  }, [listKey, focusedId]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const busy = interacting.hover || interacting.focus || selection.size > 0;
  const rows = useMemo(() => (busy ? list.rows : list.rows.filter((r) => !r.left)), [busy, list.rows]);
  const { pending, reveal } = list;
  useEffect(() => {
    if (pending > 0 && !busy && (scrollRef.current?.scrollTop ?? 0) < 8) void reveal();
  }, [pending, busy, reveal]);

  const names = useMemo(
    () => ({
      agents: new Map((agents ?? []).map((a) => [a.id, a.name])),
      groups: new Map((groups ?? []).map((g) => [g.id, g.name])),
      products: new Map((products ?? []).map((p) => [p.id, p.name])),
    }),
    [agents, groups, products],
  );
  const slas = useTicketSlas(
    list.rows.map((r) => r.ticket.id),
    Boolean(agent) && columnKeys.includes('sla.nextDueAt'),
  );
  const cell = {
    slaBadge: (id: string) => {
      const clock = mostUrgent(slas.get(id));
      return clock ? <SlaBadge clock={clock} now={Date.now()} /> : null;
    },
    t,
    language: i18n.language,
    picklistLabel,
    agentName: (id: string) => names.agents.get(id),
    groupName: (id: string) => names.groups.get(id),
    productName: (id: string) => names.products.get(id),
    dateTime: format.dateTime,
    ago: format.ago,
    number: format.number,
  };

  const toggle = (index: number, range: boolean) => {
    const row = rows[index];
    if (!row) return;
    const next = new Set(selection);
    const select = !selection.has(row.ticket.id);
    const from0 = anchor.current ? rows.findIndex((r) => r.ticket.id === anchor.current) : -1;
    if (range && from0 >= 0) {
      const [from, to] = [Math.min(from0, index), Math.max(from0, index)];
      const target = selection.has(anchor.current ?? '') || select;
      for (let i = from; i <= to; i++) {
        const id = rows[i]?.ticket.id;
        if (id) {
          if (target) next.add(id);
          else next.delete(id);
        }
      }
    } else if (select) next.add(row.ticket.id);
    else next.delete(row.ticket.id);
    anchor.current = row.ticket.id;
    setFocusedId(row.ticket.id);
    setSelection(next);
  };
  const toggleAll = () => {
    const all = rows.length > 0 && rows.every((r) => selection.has(r.ticket.id));
    setSelection(all ? new Set() : new Set(rows.map((r) => r.ticket.id)));
  };

  const [bulk, setBulk] = useState<null | { preset?: { ownerAgentId: string } }>(null);
  const [applyingMacro, setApplyingMacro] = useState(false);
  const selectedTickets = rows.filter((r) => selection.has(r.ticket.id)).map((r) => r.ticket);

  const setSearch = (patch: Record<string, unknown>) =>
    void navigate({ to: '/', search: (prev) => ({ ...prev, ...patch }) });

  const saveAsView = () => {
    stashViewDraft({ condition, sort, columns: columnKeys });
    void navigate({ to: '/views/edit', search: {} });
  };

  return (
    <section className={classes.page} aria-labelledby="list-title">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <Title order={2} size="h4" id="list-title" style={{ whiteSpace: 'nowrap' }}>
            {title}
          </Title>
          {total !== undefined && (
            <Text size="sm" c="gray.7" aria-live="polite">
              {t('list.count', { count: total.n, formatted: formatCount(format, total) })}
            </Text>
          )}
          {view.saved?.shared && (
            <Text size="xs" c="gray.7">
              · {t('views.sharedBadge')}
            </Text>
          )}
        </Group>
        <Group gap={6} wrap="nowrap">
          {view.saved?.editable ? (
            <Button
              variant="default"
              size="xs"
              onClick={() => void navigate({ to: '/views/edit', search: { id: view.id } })}
            >
              {t('views.edit')}
            </Button>
          ) : null}
          <Button variant="default" size="xs" onClick={saveAsView}>
            {t('views.saveAs')}
          </Button>
          <ColumnPicker
            fields={fieldCatalog(defs)}
            value={columnKeys}
            onChange={setColumnKeys}
            customized={customized}
          />
        </Group>
      </Group>

      <QuickFilterBar value={quick} onChange={(next) => setSearch({ ...next })} />

      {selection.size > 0 && (
        <Group gap="xs" role="toolbar" aria-label={t('bulk.toolbar')} wrap="nowrap">
          <Text size="sm" fw={600} aria-live="polite">
            {t('bulk.selected', { count: selection.size, formatted: format.number(selection.size) })}
          </Text>
          <Button size="xs" onClick={() => setBulk({})}>
            {t('bulk.edit')}
          </Button>
          {agent && (
            <Button
              size="xs"
              variant="default"
              onClick={() => setBulk({ preset: { ownerAgentId: agent.id } })}
            >
              {t('bulk.assignToMe')}
            </Button>
          )}
          <Button size="xs" variant="default" onClick={() => setApplyingMacro(true)}>
            {t('bulk.applyMacro')}
          </Button>
          <Button size="xs" variant="subtle" onClick={() => setSelection(new Set())}>
            {t('bulk.clear')}
          </Button>
        </Group>
      )}

      {pending > 0 && busy && (
        <Button
          className={classes.banner}
          size="xs"
          variant="light"
          onClick={async () => {
            await reveal();
            scrollRef.current?.scrollTo({ top: 0 });
          }}
        >
          {t('list.newTickets', { count: pending })}
        </Button>
      )}

      {list.isError ? (
        <Alert color="red" role="alert">
          {list.error instanceof ApiError ? list.error.message : t('list.loadFailed')}
        </Alert>
      ) : list.isLoading || !viewReady ? (
        <Group justify="center" p="xl">
          <Loader size="sm" aria-label={t('list.loading')} />
        </Group>
      ) : rows.length === 0 ? (
        <Text c="gray.7" size="sm" p="md">
          {t('list.empty')}
        </Text>
      ) : (
        <TicketTable
          rows={rows}
          columns={columns}
          cell={cell}
          sort={sort}
          onSort={(next) => setSearch({ sort: next })}
          selection={selection}
          onToggle={toggle}
          onToggleAll={toggleAll}
          focusedId={focusedId}
          onFocusRow={setFocusedId}
          onOpen={(id) => void navigate({ to: '/tickets/$ticketId', params: { ticketId: id } })}
          totalCount={total && !total.more ? total.n : undefined}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          fetchNextPage={() => void list.fetchNextPage()}
          scrollRef={scrollRef}
          initialScrollTop={listMemory.get(listKey)?.scrollTop ?? 0}
          onScrollTop={(top) => {
            const memory = listMemory.get(listKey) ?? { scrollTop: 0, focusedId: null };
            memory.scrollTop = top;
            listMemory.set(listKey, memory);
          }}
          onInteractingChange={(part, on) =>
            setInteracting((s) => (s[part] === on ? s : { ...s, [part]: on }))
          }
          labelledBy="list-title"
        />
      )}
      {list.isFetchingNextPage && (
        <Text size="xs" c="gray.7" ta="center">
          {t('list.loadingMore')}
        </Text>
      )}

      {applyingMacro && (
        <Suspense fallback={null}>
          <BulkApplyMacroModal
            tickets={selectedTickets}
            onClose={(applied) => {
              setApplyingMacro(false);
              if (applied.length) {
                const next = new Set(selection);
                for (const id of applied) next.delete(id);
                setSelection(next);
              }
            }}
          />
        </Suspense>
      )}
      {bulk && (
        <Suspense fallback={null}>
          <BulkEditModal
            tickets={selectedTickets}
            {...(bulk.preset ? { preset: bulk.preset } : {})}
            onClose={(succeeded) => {
              setBulk(null);
              if (succeeded.length) {
                const next = new Set(selection);
                for (const id of succeeded) next.delete(id);
                setSelection(next);
              }
            }}
          />
        </Suspense>
      )}
    </section>
  );
}
