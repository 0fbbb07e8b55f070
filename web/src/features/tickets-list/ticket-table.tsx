// The virtual ticket table: only the rows in view are in the DOM, so ten thousand loaded rows
// scroll as smoothly as fifty. Rows are focusable one at a time (j/k move, Enter opens, x selects).
import { Checkbox, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type ReactElement,
  type ReactNode,
  type RefObject,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { CellContext, ListColumn } from './list-columns.tsx';
import classes from './ticket-list.module.css';
import type { ListRow } from './use-ticket-list.ts';

const ROW_HEIGHT = 37;
/** The next page loads while this many rows are still ahead, so scrolling rarely meets the end. */
const PREFETCH_ROWS = 150;

export interface TicketTableProps {
  rows: ListRow[];
  columns: ListColumn[];
  cell: Omit<CellContext, 'ago'> & { ago: (iso: string | null | undefined, now?: number) => string };
  sort: string;
  onSort: (sort: string) => void;
  selection: ReadonlySet<string>;
  onToggle: (index: number, range: boolean) => void;
  onToggleAll: () => void;
  focusedId: string | null;
  onFocusRow: (id: string) => void;
  onOpen: (id: string) => void;
  totalCount: number | undefined;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  scrollRef: RefObject<HTMLDivElement | null>;
  /** Where to start (coming back to a list), and where the agent scrolled to. */
  initialScrollTop: number;
  onScrollTop: (top: number) => void;
  onInteractingChange: (part: 'hover' | 'focus', on: boolean) => void;
  labelledBy: string;
}

/** Typing in a text box must not move the list; checkboxes and buttons may. */
function isTextEntry(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(el.type);
  return (el as HTMLElement).isContentEditable;
}

export function TicketTable(props: TicketTableProps): ReactElement {
  const { t } = useTranslation('ticketsList');
  const { rows, columns, scrollRef, selection, focusedId } = props;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => rows[i]?.ticket.id ?? i,
    initialOffset: props.initialScrollTop,
  });
  // Restore the scroll position once, when the table first appears.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on mount.
  useLayoutEffect(() => {
    if (scrollRef.current && props.initialScrollTop) scrollRef.current.scrollTop = props.initialScrollTop;
  }, []);
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = props;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // Relative times ("5 minutes ago") stay true without refetching; a time just past the browser's
  // clock (the server's runs slightly ahead) reads "now", never "in 3 seconds".
  const [minute, setMinute] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setMinute((m) => m + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `minute` re-renders the times.
  const cell = useMemo<CellContext>(
    () => ({
      ...props.cell,
      ago: (iso) => props.cell.ago(iso, Math.max(Date.now(), iso ? Date.parse(iso) : 0)),
    }),
    [props.cell, minute],
  );

  const focusedIndex = focusedId ? rows.findIndex((r) => r.ticket.id === focusedId) : -1;
  const pendingFocus = useRef<string | null>(null);
  const moveFocus = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    pendingFocus.current = row.ticket.id;
    props.onFocusRow(row.ticket.id);
    virtualizer.scrollToIndex(rows.indexOf(row), { align: 'auto' });
  };
  // After a keyboard move, DOM focus follows once the row is rendered.
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`tr[data-ticket-id="${id}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    }
  });

  const keyboardAllowed = () =>
    !isTextEntry(document.activeElement) && !document.querySelector('[role="dialog"]');
  useHotkeys(
    [
      [
        'j',
        (e) => {
          if (!keyboardAllowed()) return;
          e.preventDefault();
          moveFocus(focusedIndex + 1);
        },
        { preventDefault: false },
      ],
      [
        'k',
        (e) => {
          if (!keyboardAllowed()) return;
          e.preventDefault();
          moveFocus(focusedIndex < 0 ? 0 : focusedIndex - 1);
        },
        { preventDefault: false },
      ],
      [
        'x',
        (e) => {
          if (!keyboardAllowed() || focusedIndex < 0) return;
          e.preventDefault();
          props.onToggle(focusedIndex, false);
        },
        { preventDefault: false },
      ],
      [
        'Enter',
        (e) => {
          const active = document.activeElement;
          const onRow = active instanceof HTMLTableRowElement && active.dataset.ticketId !== undefined;
          const onPage = active === document.body || active === null;
          if (!(onRow || onPage) || !focusedId || !keyboardAllowed()) return;
          e.preventDefault();
          props.onOpen(focusedId);
        },
        { preventDefault: false },
      ],
    ],
    [],
  );

  // Pointing at or working in the table counts as interacting: live changes then wait.
  const onInteracting = useRef(props.onInteractingChange);
  onInteracting.current = props.onInteractingChange;
  const onScrollTop = useRef(props.onScrollTop);
  onScrollTop.current = props.onScrollTop;
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const scrolled = () => onScrollTop.current(el.scrollTop);
    const enter = () => onInteracting.current('hover', true);
    const leave = () => onInteracting.current('hover', false);
    const focusIn = () => onInteracting.current('focus', true);
    const focusOut = (e: FocusEvent) => {
      if (!el.contains(e.relatedTarget as Node | null)) onInteracting.current('focus', false);
    };
    el.addEventListener('scroll', scrolled, { passive: true });
    el.addEventListener('mouseenter', enter);
    el.addEventListener('mouseleave', leave);
    el.addEventListener('focusin', focusIn);
    el.addEventListener('focusout', focusOut);
    return () => {
      el.removeEventListener('scroll', scrolled);
      el.removeEventListener('mouseenter', enter);
      el.removeEventListener('mouseleave', leave);
      el.removeEventListener('focusin', focusIn);
      el.removeEventListener('focusout', focusOut);
    };
  }, [scrollRef]);

  const [primary] = props.sort.split(',');
  const sortField = primary?.replace(/^[-+]/, '');
  const sortDesc = primary?.startsWith('-') ?? false;
  const loaded = rows.length;
  const allSelected = loaded > 0 && rows.every((r) => selection.has(r.ticket.id));
  const someSelected = !allSelected && rows.some((r) => selection.has(r.ticket.id));

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0));
  const colSpan = columns.length + 1;

  return (
    <div ref={scrollRef} className={classes.scroller}>
      <table
        className={classes.table}
        aria-labelledby={props.labelledBy}
        aria-rowcount={props.totalCount !== undefined ? props.totalCount + 1 : -1}
      >
        <colgroup>
          <col className={classes.checkCell} />
          {columns.map((c) => (
            <col key={c.key} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th className={classes.checkCell}>
              <Checkbox
                size="xs"
                aria-label={t('table.selectAll')}
                checked={allSelected}
                indeterminate={someSelected}
                onChange={props.onToggleAll}
                disabled={loaded === 0}
              />
            </th>
            {columns.map((c) => {
              const sorted = c.sortField !== undefined && c.sortField === sortField;
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={sorted ? (sortDesc ? 'descending' : 'ascending') : undefined}
                >
                  {c.sortField ? (
                    <UnstyledButton
                      className={classes.sortButton}
                      onClick={() => {
                        const field = c.sortField!;
                        if (sorted) props.onSort(sortDesc ? field : `-${field}`);
                        else props.onSort(c.key === 'subject' || c.key === 'number' ? field : `-${field}`);
                      }}
                      title={t('table.sortBy', { field: c.header })}
                    >
                      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{c.header}</span>
                      {sorted && <span aria-hidden="true">{sortDesc ? '↓' : '↑'}</span>}
                    </UnstyledButton>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {paddingTop > 0 && (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row standing in for rows not rendered; nothing in it is focusable.
            <tr aria-hidden="true">
              <td colSpan={colSpan} style={{ height: paddingTop, padding: 0, border: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const { ticket } = row;
            const selected = selection.has(ticket.id);
            const focused = ticket.id === focusedId;
            return (
              <tr
                key={ticket.id}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className={classes.row}
                data-ticket-id={ticket.id}
                data-selected={selected || undefined}
                data-focused={focused || undefined}
                data-left={row.left || undefined}
                aria-rowindex={item.index + 2}
                tabIndex={focused || (focusedIndex < 0 && item.index === 0) ? 0 : -1}
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest('a, input, button')) return;
                  props.onFocusRow(ticket.id);
                }}
                onDoubleClick={(e) => {
                  if ((e.target as HTMLElement).closest('a, input, button')) return;
                  props.onOpen(ticket.id);
                }}
                onFocus={(e) => {
                  if (e.target === e.currentTarget && !focused) props.onFocusRow(ticket.id);
                }}
              >
                <td className={classes.checkCell}>
                  <Checkbox
                    size="xs"
                    tabIndex={-1}
                    aria-label={t('table.selectTicket', { number: ticket.number })}
                    checked={selected}
                    onChange={() => {}}
                    onClick={(e) => props.onToggle(item.index, e.shiftKey)}
                  />
                  {row.left && <VisuallyHidden>{t('table.leftView')}</VisuallyHidden>}
                </td>
                {columns.map((c) => (
                  <CellWithTitle key={c.key}>{c.render(ticket, cell)}</CellWithTitle>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 && (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row standing in for rows not rendered; nothing in it is focusable.
            <tr aria-hidden="true">
              <td colSpan={colSpan} style={{ height: paddingBottom, padding: 0, border: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A cell whose text, if cut short, shows in full on hover. */
function CellWithTitle({ children }: { children: ReactNode }): ReactElement {
  return <td title={typeof children === 'string' ? children : undefined}>{children}</td>;
}
