// Rules shared by the commands: tag normalization, status-category side effects, search text.
import { invalid } from '../../platform/errors.ts';
import { searchDocument } from '../../platform/text-search.ts';
import type { Picklists } from './picklists.ts';
import { requireActiveValue } from './picklists.ts';
import type { TicketRow } from './ticket-record.ts';

export const MAX_TAGS = 50;

export function normalizeTags(tags: string[], field = 'tags'): string[] {
  const out: string[] = [];
  for (const [i, raw] of tags.entries()) {
    const tag = raw.trim().toLowerCase().replace(/\s+/g, '-');
    if (!tag) throw invalid(`${field}/${i}`, 'must not be empty');
    if (tag.length > 50) throw invalid(`${field}/${i}`, 'must be at most 50 characters');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused in tags
    if (/[\u0000-\u001f,]/.test(tag))
      throw invalid(`${field}/${i}`, 'must not contain commas or control characters');
    if (!out.includes(tag)) out.push(tag);
  }
  if (out.length > MAX_TAGS) throw invalid(field, `at most ${MAX_TAGS} tags`);
  return out;
}

/** Applies a status change to a row: category, resolved/closed times, reopen count. */
export function applyStatus(row: TicketRow, status: string, lists: Picklists, now: Date): TicketRow {
  if (status === row.status) return row;
  const value = requireActiveValue(lists, 'status', status, row.status);
  const category = value.category!;
  const wasDone = row.statusCategory === 'resolved' || row.statusCategory === 'closed';
  const isDone = category === 'resolved' || category === 'closed';
  return {
    ...row,
    status,
    statusCategory: category,
    isOpen: !isDone,
    resolvedAt: category === 'resolved' ? now : category === 'closed' ? (row.resolvedAt ?? now) : null,
    closedAt: category === 'closed' ? now : null,
    reopenCount: wasDone && !isDone ? row.reopenCount + 1 : row.reopenCount,
  };
}

/** The text a ticket's search vector is made of: `to_tsvector('simple', …)` of it. */
export function ticketSearchText(row: Pick<TicketRow, 'number' | 'subject' | 'description'>): string {
  return searchDocument(row.number, row.subject, row.description);
}

export function rejectControlChars(field: string, value: string): void {
  if (value.includes('\u0000')) throw invalid(field, 'must not contain NUL characters');
}
