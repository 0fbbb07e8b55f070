// A ticket's SLA facts from its own history, one step per thing that happened (S3): the same step
// the live path takes for each change, so a ticket whose SLA state is built afterwards (seeded,
// imported, older than the SLA module, or first seen on a later change) gets exactly the state it
// would have had if its SLA had been kept all along. Pure: instants are epoch seconds.
import { type SlaFacts, withPause } from './ticket-clock.ts';

/** One thing that happened to a ticket, as far as its SLA clocks care. */
export type SlaHistoryItem =
  /** A public agent reply. */
  | { at: number; kind: 'reply' }
  /** A message from the customer. */
  | { at: number; kind: 'customer' }
  /** The status changed to one of this category (new, open, pending, resolved, closed). */
  | { at: number; kind: 'category'; category: string };

/** Which stop of the clocks a status category means, if any. */
export const stopOf = (category: string): 'pending' | 'resolved' | null =>
  category === 'pending' ? 'pending' : category === 'resolved' || category === 'closed' ? 'resolved' : null;

/** The facts of a ticket just created (in status category "new"), before anything else happened. */
export function startFacts(createdAt: number): SlaFacts {
  return { startedAt: createdAt, pauses: [], firstResponseAt: null, waitingSince: null, resolvedAt: null };
}

/**
 * One step: what a reply, a customer message or a change of status category does to the facts.
 * `category` is the ticket's category before the step (for a category step).
 */
export function stepFacts(facts: SlaFacts, item: SlaHistoryItem, categoryBefore: string): SlaFacts {
  switch (item.kind) {
    case 'reply':
      // The FIRST public reply answers the first response; later ones leave it alone.
      return { ...facts, firstResponseAt: facts.firstResponseAt ?? item.at, waitingSince: null };
    case 'customer':
      return facts.firstResponseAt !== null && facts.waitingSince === null
        ? { ...facts, waitingSince: item.at }
        : facts;
    case 'category': {
      const before = stopOf(categoryBefore);
      const after = stopOf(item.category);
      if (before === after) return facts;
      return {
        ...facts,
        pauses: withPause(facts.pauses, after, Math.max(facts.startedAt, item.at)),
        resolvedAt: after === 'resolved' ? (before === 'resolved' ? facts.resolvedAt : item.at) : null,
      };
    }
  }
}

/**
 * The facts after a whole history (items in the order they happened; at the same instant, messages
 * before status changes, as one command records them). Items before the creation count at it.
 */
export function factsFromHistory(createdAt: number, items: readonly SlaHistoryItem[]): SlaFacts {
  let facts = startFacts(createdAt);
  let category = 'new';
  for (const raw of items) {
    const item = raw.at < createdAt ? { ...raw, at: createdAt } : raw;
    facts = stepFacts(facts, item, category);
    if (item.kind === 'category') category = item.category;
  }
  return facts;
}

/** Sorts history items by instant, messages before status changes at the same instant (stable). */
export function inHistoryOrder(items: readonly SlaHistoryItem[]): SlaHistoryItem[] {
  const rank = (i: SlaHistoryItem) => (i.kind === 'category' ? 1 : 0);
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.at - b.item.at || rank(a.item) - rank(b.item) || a.index - b.index)
    .map((x) => x.item);
}
