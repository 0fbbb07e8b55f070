// One ticket at a time: its row, its messages and its events, as COPY rows. The spread:
// about 80 % resolved or closed (older tickets more often), priorities mostly normal, groups and
// agents weighted, created evenly over the last two years, 3 messages per ticket on average.
import { randomUUID } from 'node:crypto';
import { copyJson, copyNullable, copyText, copyTextArray, copyTime, NULL } from './copy.ts';
import { type Lang, TAGS } from './corpus.ts';
import { type Rng, weighted } from './random.ts';
import {
  type Piece,
  searchTokens,
  type TextContext,
  textOf,
  tsvectorLiteral,
  writeDescription,
  writeMessage,
  writeSubject,
} from './text.ts';
import { type AgentSeed, type ContactSeed, type GroupSeed, pickLanguage, type World } from './world.ts';

export interface RowSink {
  add(values: string[]): void;
}

export interface TicketSinks {
  tickets: RowSink;
  messages: RowSink;
  events: RowSink;
}

// biome-ignore format: a word list reads best as a block
export const TICKET_COLUMNS = [
  'id', 'number', 'seq', 'subject', 'description', 'status', 'status_category', 'priority', 'priority_rank',
  'severity', 'category', 'type', 'channel', 'department_id', 'owner_agent_id', 'owner_group_id', 'contact_id',
  'organization_id', 'product_id', 'tags', 'version', 'message_count', 'last_customer_message_at',
  'last_agent_reply_at', 'resolved_at', 'closed_at', 'created_by', 'search_vector', 'created_at', 'updated_at',
] as const;

// biome-ignore format: a word list reads best as a block
export const MESSAGE_COLUMNS = [
  'id', 'ticket_id', 'kind', 'body', 'channel', 'author_agent_id', 'author_contact_id', 'author_name',
  'search_vector', 'created_at',
] as const;

// biome-ignore format: a word list reads best as a block
export const EVENT_COLUMNS = [
  'id', 'ticket_id', 'kind', 'changes', 'data', 'message_id', 'actor_type', 'actor_id', 'actor_name', 'channel',
  'created_at',
] as const;

/** What the picklists say: a priority's rank, a status's category. */
export interface PicklistFacts {
  priorityRank: Map<string, number>;
  statusCategory: Map<string, string>;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const SPAN_MS = 730 * DAY;

export const pickPriority = weighted([
  ['low', 20],
  ['normal', 60],
  ['high', 15],
  ['urgent', 5],
] as const);
export const pickChannel = weighted([
  ['email', 45],
  ['portal', 18],
  ['web_form', 10],
  ['phone', 10],
  ['chat', 12],
  ['social', 3],
  ['api', 2],
] as const);
const pickOpenStatus = weighted([
  ['new', 20],
  ['open', 30],
  ['in_progress', 20],
  ['waiting_customer', 20],
  ['waiting_third_party', 10],
] as const);
const pickCategory = weighted<string | null>([
  ['question', 35],
  ['problem', 35],
  ['returns_repair', 15],
  ['feature_request', 5],
  [null, 10],
]);
const pickType = weighted<string | null>([
  ['incident', 30],
  ['service_request', 30],
  ['warranty', 10],
  ['complaint', 10],
  [null, 20],
]);
const pickSeverity = weighted([
  ['minor', 60],
  ['major', 30],
  ['critical', 10],
] as const);
const pickMessageCount = weighted([
  [0, 5],
  [1, 10],
  [2, 20],
  [3, 25],
  [4, 18],
  [5, 13],
  [6, 9],
] as const);
export const pickTagCount = weighted([
  [0, 30],
  [1, 35],
  [2, 25],
  [3, 10],
] as const);

const CUSTOMER_CHANNELS = new Set(['email', 'portal', 'web_form', 'social']);

function gaussian(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

export function pickTags(rng: Rng): string[] {
  const tags = new Set<string>();
  const n = pickTagCount(rng);
  while (tags.size < n) tags.add(rng.pick(TAGS));
  return [...tags];
}

/** Groups weighted for a ticket in a language: its language's queue first, then the shared ones. */
export function groupPickers(world: World): Record<Lang, (rng: Rng) => GroupSeed> {
  const forLang = (lang: Lang) =>
    weighted(
      world.groups.map((g) => {
        const own = g.lang === lang || (lang === 'zh-TW' && g.lang === 'zh-CN');
        return [g, own ? g.weight * 6 : g.lang ? 0.05 : g.weight] as const;
      }),
    );
  return {
    en: forLang('en'),
    'zh-CN': forLang('zh-CN'),
    'zh-TW': forLang('zh-TW'),
    ru: forLang('ru'),
    fr: forLang('fr'),
  };
}

interface StatusChange {
  at: number;
  from: string;
  to: string;
}

export class TicketWriter {
  private nextEventId = 1;
  private readonly groupFor: Record<Lang, (rng: Rng) => GroupSeed>;
  private readonly agentById: Map<string, AgentSeed>;

  constructor(
    private readonly rng: Rng,
    private readonly world: World,
    private readonly facts: PicklistFacts,
    /** Now, in ms: tickets are created over the SPAN_MS before it. */
    private readonly now: number,
    private readonly total: number,
  ) {
    this.groupFor = groupPickers(world);
    this.agentById = new Map(world.agents.map((a) => [a.id, a]));
  }

  get eventsWritten(): number {
    return this.nextEventId - 1;
  }

  /** Writes ticket number `index` (0-based): seq 1001 + index. */
  write(index: number, sinks: TicketSinks): void {
    const { rng, world, now } = this;
    const id = randomUUID();
    const seq = 1001 + index;
    const number = `TT-${seq}`;
    const createdAt = Math.floor(now - SPAN_MS + ((index + rng.next()) * SPAN_MS) / this.total);
    const age = now - createdAt;

    const lang = pickLanguage(rng);
    const sameLang = world.contactsByLang[lang];
    const contact: ContactSeed = rng.pickSkewed(sameLang.length ? sameLang : world.contacts, 1.6);
    const org = contact.orgId ? world.orgById.get(contact.orgId) : undefined;
    const group = rng.chance(0.95) ? this.groupFor[lang](rng) : null;
    const product = rng.chance(0.6) ? rng.pick(world.products) : null;
    const channel = pickChannel(rng);
    const priority = org?.tier === 'vip' && rng.chance(0.4) ? 'high' : pickPriority(rng);
    const category = pickCategory(rng);
    const type = pickType(rng);
    const severity = category === 'problem' ? pickSeverity(rng) : null;
    const tags = pickTags(rng);

    // Status: recent tickets are mostly still open; old ones mostly done (≈ 20 % open overall).
    const pOpen = age < 30 * DAY ? 0.75 : age < 180 * DAY ? 0.25 : 0.15;
    let status: string = rng.chance(pOpen)
      ? pickOpenStatus(rng)
      : age > 30 * DAY && rng.chance(0.75)
        ? 'closed'
        : 'resolved';
    let resolvedAt: number | null = null;
    let closedAt: number | null = null;
    let updatedAt: number;
    if (status === 'resolved' || status === 'closed') {
      const hours = Math.exp(Math.log(20) + 1.2 * gaussian(rng));
      resolvedAt = createdAt + Math.floor(hours * HOUR);
      if (resolvedAt > now) resolvedAt = createdAt + Math.floor(rng.next() * age);
      if (status === 'closed') {
        closedAt = resolvedAt + (3 + rng.int(5)) * DAY;
        if (closedAt > now) {
          closedAt = null;
          status = 'resolved';
        }
      }
      updatedAt = closedAt ?? resolvedAt;
    } else if (status === 'new') {
      updatedAt = createdAt + (rng.chance(0.3) ? Math.floor(rng.next() * Math.min(age, 2 * HOUR)) : 0);
    } else {
      updatedAt = createdAt + Math.floor(Math.sqrt(rng.next()) * age);
    }

    const ownerAgent =
      group && (status !== 'new' ? rng.chance(0.92) : rng.chance(0.4))
        ? this.agentById.get(rng.pick(group.memberIds))
        : undefined;
    const worker =
      ownerAgent ?? this.agentById.get(rng.pick(group?.memberIds ?? world.agents.map((a) => a.id)))!;
    const createdBy = CUSTOMER_CHANNELS.has(channel) ? null : worker;

    const textCtx: TextContext = {
      product: (product ?? rng.pick(world.products)).ref,
      customerName: contact.firstName,
      agentName: worker.firstName,
    };
    const subjectPieces = writeSubject(rng, lang, textCtx);
    const descriptionPieces = writeDescription(rng, lang, textCtx);
    const subject = textOf(subjectPieces);
    const description = textOf(descriptionPieces);

    // Messages, in time order, before the ticket was resolved (or its last update).
    const messageCount = status === 'new' ? (rng.chance(0.3) ? 1 : 0) : pickMessageCount(rng);
    const end = resolvedAt ?? updatedAt;
    const times: number[] = [];
    for (let m = 0; m < messageCount; m++)
      times.push(createdAt + 60_000 + Math.floor(rng.next() * Math.max(end - createdAt - 60_000, 1000)));
    times.sort((a, b) => a - b);

    const createdActor = CUSTOMER_CHANNELS.has(channel)
      ? { type: 'contact', id: contact.id, name: contact.name, channel }
      : { type: 'agent', id: worker.id, name: worker.name, channel: channel === 'api' ? 'api' : 'web' };
    const createdChanges: Array<{ field: string; from: null; to: unknown }> = [];
    const track = (field: string, value: unknown) => {
      if (value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)) {
        createdChanges.push({ field, from: null, to: value });
      }
    };
    track('subject', subject);
    track('description', description);
    track('status', 'new');
    track('priority', priority);
    track('severity', severity);
    track('category', category);
    track('type', type);
    track('channel', channel);
    track('departmentId', group?.departmentId ?? null);
    track('ownerAgentId', ownerAgent?.id ?? null);
    track('ownerGroupId', group?.id ?? null);
    track('contactId', contact.id);
    track('organizationId', org?.id ?? null);
    track('productId', product?.id ?? null);
    track('tags', tags);
    this.event(sinks, id, 'created', createdChanges, { number }, null, createdActor, createdAt);

    let current = 'new';
    let version = 1;
    let lastAgentReplyAt: number | null = null;
    let lastCustomerMessageAt: number | null = null;
    let previous: 'reply' | 'customer' | 'note' = 'customer';
    for (const at of times) {
      let kind: 'reply' | 'customer' | 'note';
      if (status === 'new') kind = 'customer';
      else if (rng.chance(0.15)) kind = 'note';
      else kind = previous === 'reply' ? 'customer' : 'reply';
      if (kind !== 'note') previous = kind;
      const author = kind === 'customer' ? null : (ownerAgent ?? worker);
      const messageId = randomUUID();
      const body = writeMessage(rng, lang, kind, textCtx);
      this.message(sinks, messageId, id, kind, body, channel, author, contact, at);
      const changes: StatusChange[] = [];
      if (kind === 'reply') {
        lastAgentReplyAt = at;
        if (current === 'new') {
          changes.push({ at, from: 'new', to: 'open' });
          current = 'open';
        }
      } else if (kind === 'customer') {
        lastCustomerMessageAt = at;
      }
      if (changes.length) version++;
      const actor = author
        ? { type: 'agent', id: author.id, name: author.name, channel: 'web' }
        : { type: 'contact', id: contact.id, name: contact.name, channel };
      this.event(
        sinks,
        id,
        'message_added',
        changes.map((c) => ({ field: 'status', from: c.from, to: c.to })),
        { kind, attachmentCount: 0 },
        messageId,
        actor,
        at,
      );
    }

    const statusChanges: StatusChange[] = [];
    if (status === 'resolved' || status === 'closed') {
      statusChanges.push({ at: resolvedAt!, from: current, to: 'resolved' });
      if (closedAt !== null) statusChanges.push({ at: closedAt, from: 'resolved', to: 'closed' });
    } else if (status !== current && status !== 'new') {
      statusChanges.push({ at: updatedAt, from: current, to: status });
    }
    const statusActor = {
      type: 'agent',
      id: (ownerAgent ?? worker).id,
      name: (ownerAgent ?? worker).name,
      channel: 'web',
    };
    for (const c of statusChanges) {
      version++;
      this.event(
        sinks,
        id,
        'status_changed',
        [{ field: 'status', from: c.from, to: c.to }],
        {},
        null,
        statusActor,
        c.at,
      );
    }

    const priorityRank = this.facts.priorityRank.get(priority);
    const statusCategory = this.facts.statusCategory.get(status);
    if (priorityRank === undefined || statusCategory === undefined) {
      throw new Error(`picklists lack priority "${priority}" or status "${status}"`);
    }
    sinks.tickets.add([
      id,
      number,
      String(seq),
      copyText(subject),
      copyText(description),
      status,
      statusCategory,
      priority,
      String(priorityRank),
      copyNullable(severity),
      copyNullable(category),
      copyNullable(type),
      channel,
      copyNullable(group?.departmentId),
      copyNullable(ownerAgent?.id),
      copyNullable(group?.id),
      contact.id,
      copyNullable(org?.id),
      copyNullable(product?.id),
      copyTextArray(tags),
      String(version),
      String(messageCount),
      copyTime(lastCustomerMessageAt),
      copyTime(lastAgentReplyAt),
      copyTime(resolvedAt),
      copyTime(closedAt),
      copyNullable(createdBy?.id),
      copyText(tsvectorLiteral(searchTokens([number, subjectPieces, descriptionPieces]))),
      copyTime(createdAt),
      copyTime(Math.max(updatedAt, times.at(-1) ?? 0)),
    ]);
  }

  private message(
    sinks: TicketSinks,
    id: string,
    ticketId: string,
    kind: string,
    body: Piece[],
    channel: string,
    author: AgentSeed | null,
    contact: ContactSeed,
    at: number,
  ): void {
    sinks.messages.add([
      id,
      ticketId,
      kind,
      copyText(textOf(body)),
      channel,
      author ? author.id : NULL,
      author ? NULL : contact.id,
      copyText(author ? author.name : contact.name),
      copyText(tsvectorLiteral(searchTokens([body]))),
      copyTime(at),
    ]);
  }

  private event(
    sinks: TicketSinks,
    ticketId: string,
    kind: string,
    changes: unknown[],
    data: Record<string, unknown>,
    messageId: string | null,
    actor: { type: string; id: string; name: string; channel: string },
    at: number,
  ): void {
    sinks.events.add([
      String(this.nextEventId++),
      ticketId,
      kind,
      copyJson(changes),
      copyJson(data),
      messageId ?? NULL,
      actor.type,
      actor.id,
      copyText(actor.name),
      actor.channel,
      copyTime(at),
    ]);
  }
}
