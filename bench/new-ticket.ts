// The ticket the write benchmarks create: the same realistic content for the API and for the raw
// INSERT ceiling.
import type { Lang } from './corpus.ts';
import type { Rng } from './random.ts';
import { productCatalog, textOf, writeDescription, writeSubject } from './text.ts';
import { pickChannel, pickPriority, pickTags } from './ticket-rows.ts';

export interface CreatePool {
  contacts: Array<{ id: string; lang: Lang; firstName: string; orgId: string | null }>;
  groupIds: string[];
  agentNames: string[];
}

export interface NewTicket {
  subject: string;
  description: string;
  priority: string;
  channel: string;
  contactId: string;
  organizationId: string | null;
  ownerGroupId: string;
  tags: string[];
}

const products = productCatalog(50);

export function newTicket(rng: Rng, pool: CreatePool): NewTicket {
  const contact = rng.pick(pool.contacts);
  const ctx = {
    product: rng.pick(products),
    customerName: contact.firstName,
    agentName: rng.pick(pool.agentNames),
  };
  return {
    subject: textOf(writeSubject(rng, contact.lang, ctx)),
    description: textOf(writeDescription(rng, contact.lang, ctx)),
    priority: pickPriority(rng),
    channel: pickChannel(rng),
    contactId: contact.id,
    organizationId: contact.orgId,
    ownerGroupId: rng.pick(pool.groupIds),
    tags: pickTags(rng),
  };
}

/** The POST /api/v1/tickets body. */
export function createBody(t: NewTicket): string {
  return JSON.stringify({
    subject: t.subject,
    description: t.description,
    priority: t.priority,
    channel: t.channel,
    contactId: t.contactId,
    ownerGroupId: t.ownerGroupId,
    tags: t.tags,
  });
}
