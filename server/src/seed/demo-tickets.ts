// Plans the demo tickets: who writes what, through which channel, and when. The plan is plain data
// (steps with an instant, an actor and a command); demo.ts runs the steps in time order through the
// ticket commands, so numbers, events, history and search text come out as in real use.
import type { AddMessageInput, CreateTicketInput, UpdateTicketInput } from '../modules/tickets/index.ts';
import type { Actor, Channel } from '../platform/context.ts';
import type { Language } from '../platform/i18n.ts';
import type {
  DemoAgent,
  DemoCast,
  DemoContact,
  DemoGroup,
  DemoProduct,
  GroupKey,
  LanguagePack,
  Priority,
  Story,
} from './demo-model.ts';
import { type Random, seededRandom } from './demo-random.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Tickets are spread over this many days before the seeding instant. */
export const SPAN_DAYS = 90;

type TicketChannel = NonNullable<CreateTicketInput['channel']>;
type Status =
  | 'new'
  | 'open'
  | 'in_progress'
  | 'waiting_customer'
  | 'waiting_third_party'
  | 'resolved'
  | 'closed';

export type Action =
  | { do: 'create'; input: CreateTicketInput }
  | { do: 'message'; input: AddMessageInput }
  | { do: 'update'; input: UpdateTicketInput }
  /** Merge this ticket into the ticket of plan `into`. */
  | { do: 'merge'; into: number }
  | { do: 'void'; reason: string };

export interface Step {
  /** Index of the ticket in the plan. */
  ticket: number;
  /** Epoch milliseconds. */
  at: number;
  /** Keeps the written order of steps at the same instant. */
  order: number;
  actor: Actor;
  channel: Channel;
  action: Action;
}

/** A ticket's identity in the plan, kept to pick merge targets. */
interface PlannedTicket {
  index: number;
  status: Status | 'spam' | 'duplicate';
  channel: TicketChannel;
  created: number;
  contact: DemoContact | null;
  pack: LanguagePack | null;
  agent: DemoAgent | null;
  input: CreateTicketInput | null;
}

const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

const CHANNEL_WEIGHTS: Record<Language, Partial<Record<TicketChannel, number>>> = {
  en: { email: 40, portal: 20, phone: 15, web_form: 10, chat: 10, social: 5 },
  'zh-CN': { email: 30, portal: 15, phone: 20, web_form: 5, chat: 15, social: 15 },
  'zh-TW': { email: 35, portal: 15, phone: 20, web_form: 5, chat: 15, social: 10 },
  ru: { email: 50, portal: 10, phone: 25, web_form: 10, chat: 5 },
  fr: { email: 45, portal: 15, phone: 20, web_form: 10, chat: 10 },
};

/** Hours from UTC of the customers' working day, roughly. */
const UTC_OFFSET: Record<Language, number> = { en: -6, 'zh-CN': 8, 'zh-TW': 8, ru: 3, fr: 1 };

/** Older tickets are mostly done; recent ones are mostly still being worked. */
function statusWeights(ageDays: number): Partial<Record<Status, number>> {
  if (ageDays < 0.25) return { new: 60, open: 30, waiting_customer: 10 };
  if (ageDays < 2) return { new: 35, open: 25, in_progress: 20, waiting_customer: 12, resolved: 8 };
  if (ageDays < 7) {
    return {
      new: 5,
      open: 15,
      in_progress: 20,
      waiting_customer: 20,
      waiting_third_party: 8,
      resolved: 25,
      closed: 7,
    };
  }
  if (ageDays < 21) {
    return {
      open: 8,
      in_progress: 10,
      waiting_customer: 12,
      waiting_third_party: 5,
      resolved: 20,
      closed: 45,
    };
  }
  // A few old tickets are still stuck: the backlog every help desk has.
  return { open: 3, in_progress: 5, waiting_customer: 8, waiting_third_party: 4, resolved: 5, closed: 75 };
}

const SPAM: Array<{
  from: string;
  channel: TicketChannel;
  subject: string;
  body: string;
  reason: string;
  group: GroupKey;
}> = [
  {
    from: 'Prize Center',
    channel: 'web_form',
    subject: 'Congratulations!!! You have won a $1000 gift card',
    body: 'Claim your reward before midnight: http://prize-center.example/claim?id=88213',
    reason: 'Spam',
    group: 'general',
  },
  {
    from: 'Growth SEO Agency',
    channel: 'email',
    subject: 'Get your website on the first page of Google in 7 days',
    body: 'Hello, we noticed your website is not ranking. Our experts guarantee first-page results. Reply for a free audit.',
    reason: 'Spam',
    group: 'general',
  },
  {
    from: 'Кредит Онлайн',
    channel: 'email',
    subject: 'Кредит без отказа за 5 минут',
    body: 'Одобрим кредит до 1 000 000 ₽ без справок и поручителей. Оставьте заявку прямо сейчас!',
    reason: 'Спам',
    group: 'cis',
  },
  {
    from: '王芳（测试）',
    channel: 'email',
    subject: '测试工单，请忽略',
    body: '测试新邮箱的收件是否正常，收到后请作废。',
    reason: '测试工单',
    group: 'china',
  },
];

const DUPLICATES = 3;

export function customerActor(contact: DemoContact): Actor {
  return { type: 'system', name: contact.name };
}

const AUTO_CLOSE: Actor = { type: 'system', name: 'Auto-close (resolved 72 h)' };

function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random.next() * (max - min));
}

function firstResponseGap(random: Random, priority: Priority): number {
  switch (priority) {
    case 'urgent':
      return between(random, 5 * MINUTE, 40 * MINUTE);
    case 'high':
      return between(random, 15 * MINUTE, 3 * HOUR);
    case 'normal':
      return between(random, 40 * MINUTE, 10 * HOUR);
    case 'low':
      return between(random, 2 * HOUR, 30 * HOUR);
  }
}

/** A creation instant in the customer's working hours, more of them recent than old. */
function creationInstant(random: Random, now: number, language: Language): number {
  const daysAgo = Math.floor(SPAN_DAYS * random.next() ** 2);
  const today = new Date(now);
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const localMinute = random.int(8 * 60, 19 * 60);
  let created = midnight - daysAgo * DAY + localMinute * MINUTE - UTC_OFFSET[language] * HOUR;
  const localDay = new Date(created + UTC_OFFSET[language] * HOUR).getUTCDay();
  // Draw before looking, so the stream does not depend on the weekday of `now`.
  const skipWeekend = random.chance(0.7);
  const recent = between(random, 20 * MINUTE, 6 * HOUR);
  if ((localDay === 6 || localDay === 0) && skipWeekend) created -= (localDay === 6 ? 1 : 2) * DAY;
  if (created > now - 20 * MINUTE) created = now - recent;
  return created;
}

function groupFor(random: Random, story: Story, contact: DemoContact): GroupKey {
  switch (contact.language) {
    case 'zh-CN':
      return 'china';
    case 'zh-TW':
      return story.team === 'repairs' && random.chance(0.7) ? 'repairs' : 'taiwan';
    case 'ru':
      return 'cis';
    case 'fr':
      return story.team === 'refunds' && random.chance(0.6) ? 'refunds' : 'france';
    case 'en':
      if ((contact.vip || contact.organizationTier === 'vip') && random.chance(0.75)) return 'vip';
      return story.team;
  }
}

function agentFor(random: Random, group: DemoGroup, language: Language): DemoAgent {
  const speakers = group.members.filter((a) => a.language === language);
  return random.pick(speakers.length ? speakers : group.members);
}

function priorityFor(random: Random, story: Story, contact: DemoContact): Priority {
  let rank = PRIORITIES.indexOf(story.priority);
  const roll = random.next();
  if (roll < 0.08) rank += 1;
  else if (roll < 0.2) rank -= 1;
  if ((contact.vip || contact.organizationTier === 'vip') && random.chance(0.4)) rank = Math.max(rank, 2);
  return PRIORITIES[Math.min(3, Math.max(0, rank))]!;
}

/** Where a customer's later messages arrive from, given the channel the ticket came in through. */
function followUpChannel(channel: TicketChannel): TicketChannel {
  return channel === 'portal' || channel === 'social' ? channel : 'email';
}

/**
 * Plans `count` tickets before `now`. Each ticket draws from its own random stream (from `seed` and
 * its index), so one ticket's choices never shift another's: the same tickets come out whatever
 * day the data set is loaded on.
 */
export function planTickets(
  seed: number,
  cast: DemoCast,
  packs: Record<Language, LanguagePack>,
  now: number,
  count: number,
): Step[] {
  const streamOf = (index: number): Random => seededRandom(seed + index * 7919);
  const steps: Step[] = [];
  const planned: PlannedTicket[] = [];
  let order = 0;

  /** Adds the steps of one ticket, squeezed into the time before `now` when they would run past it. */
  const addTicket = (
    index: number,
    created: number,
    script: Array<{ gap: number; actor: Actor; channel: Channel; action: Action }>,
  ): void => {
    let t = created;
    const timed = script.map((s) => {
      t += Math.max(1000, s.gap);
      return { ...s, at: t };
    });
    const last = timed.at(-1)?.at ?? created;
    const latest = now - 2 * MINUTE;
    const scale = last > latest ? Math.max(0, latest - created) / (last - created) : 1;
    for (const s of timed) {
      steps.push({
        ticket: index,
        at: Math.round(created + (s.at - created) * scale),
        order: order++,
        actor: s.actor,
        channel: s.channel,
        action: s.action,
      });
    }
  };

  const planRegular = (): void => {
    const random = streamOf(planned.length);
    const contact = random.pick(cast.contacts);
    const pack = packs[contact.language];
    const story = random.pick(pack.stories);
    const kindProducts = story.product
      ? cast.products.filter(
          (p) => p.kind === story.product && (!story.models || story.models.includes(p.model)),
        )
      : [];
    const product: DemoProduct | null = kindProducts.length ? random.pick(kindProducts) : null;
    const fillers: Record<string, string> = {
      product: product?.model ?? '',
      order: `SO-${random.int(200000, 899999)}`,
      serial: `${(product?.model ?? 'SN').replace(/\W/g, '').slice(0, 4).toUpperCase()}${random.int(10000000, 99999999)}`,
    };
    const fill = (text: string): string =>
      text.replace(/\{(product|order|serial)\}/g, (_m, key: string) => fillers[key] ?? '');

    const created = creationInstant(random, now, contact.language);
    const ageDays = (now - created) / DAY;
    const status = random.weighted(statusWeights(ageDays));
    const channel = random.weighted(CHANNEL_WEIGHTS[contact.language]);
    const groupKey = groupFor(random, story, contact);
    const group = cast.groups.get(groupKey)!;
    let agent = agentFor(random, group, contact.language);
    const priority = priorityFor(random, story, contact);
    const severity = story.severity ?? (story.category === 'problem' ? 'minor' : null);
    const tags = [
      ...story.tags,
      ...(contact.vip ? ['vip'] : []),
      ...(channel === 'phone' && random.chance(0.3) ? ['callback-requested'] : []),
    ];
    const byAgent = channel === 'phone' || channel === 'chat';
    const withForm = channel === 'portal' || channel === 'web_form';

    const input: CreateTicketInput = {
      subject: fill(story.subject),
      description: fill(story.description),
      channel,
      contactId: contact.id,
      productId: product?.id ?? null,
      category: story.category,
      type: story.type,
      tags,
      ownerGroupId: group.id,
      departmentId: group.departmentId,
      // An agent on the phone triages at once; a portal or web form asks the customer for a priority.
      ...(byAgent ? { ownerAgentId: agent.id, priority, severity } : withForm ? { priority } : {}),
    };
    planned.push({
      index: planned.length,
      status,
      channel,
      created,
      contact,
      pack,
      agent,
      input,
    });

    const customer = customerActor(contact);
    const later = followUpChannel(channel);
    const script: Array<{ gap: number; actor: Actor; channel: Channel; action: Action }> = [];
    const say = (gap: number, body: string, via: TicketChannel = later): void => {
      script.push({
        gap,
        actor: customer,
        channel: via,
        action: {
          do: 'message',
          input: { kind: 'customer', body, authorContactId: contact.id, authorName: contact.name },
        },
      });
    };
    const reply = (gap: number, body: string): void => {
      script.push({
        gap,
        actor: agent.actor,
        channel: 'web',
        action: {
          do: 'message',
          input: { kind: 'reply', body: pack.phrases.reply(contact.greetingName, fill(body), agent.name) },
        },
      });
    };
    const note = (gap: number, body: string): void => {
      script.push({
        gap,
        actor: agent.actor,
        channel: 'web',
        action: { do: 'message', input: { kind: 'note', body: fill(body) } },
      });
    };
    const update = (
      gap: number,
      change: UpdateTicketInput,
      actor: Actor = agent.actor,
      via: Channel = 'web',
    ): void => {
      script.push({ gap, actor, channel: via, action: { do: 'update', input: change } });
    };

    script.push({
      gap: 0,
      actor: byAgent ? agent.actor : customer,
      channel,
      action: { do: 'create', input },
    });
    if (channel === 'phone')
      note(between(random, MINUTE, 4 * MINUTE), `${pack.phrases.callNotes} ${input.description}`);
    else say(1000, input.description ?? '', channel);

    if (status === 'new') {
      if (random.chance(0.3)) say(between(random, 2 * HOUR, DAY), random.pick(pack.phrases.nudges));
      addTicket(planned.length - 1, created, script);
      return;
    }

    const firstResponse = firstResponseGap(random, priority);
    if (!byAgent) {
      const triager = random.chance(contact.language === 'en' ? 0.3 : 0.15) ? cast.admin.actor : agent.actor;
      update(Math.round(firstResponse * 0.6), { ownerAgentId: agent.id, priority, severity }, triager);
    }
    reply(byAgent ? firstResponse : Math.round(firstResponse * 0.4), story.replies[0]);
    const customerGap = (): number => between(random, 20 * MINUTE, 30 * HOUR);
    const agentGap = (): number => between(random, 10 * MINUTE, 8 * HOUR);

    const escalate = groupKey === 'l1' && contact.language === 'en' && random.chance(0.3);
    const escalateNow = (): void => {
      const l2 = cast.groups.get('l2')!;
      const specialist = agentFor(random, l2, 'en');
      note(agentGap(), random.pick(pack.phrases.escalationNotes));
      const raised = PRIORITIES.indexOf(priority) < 2 ? 'high' : priority;
      update(between(random, MINUTE, 5 * MINUTE), {
        ownerGroupId: l2.id,
        ownerAgentId: specialist.id,
        priority: raised,
        addTags: ['escalated'],
      });
      agent = specialist;
    };

    /** The whole conversation up to the fix; `slot` is the one extra message the six allow. */
    const workToResolution = (slot: 'extra' | 'none'): void => {
      say(customerGap(), story.customer[0]);
      const extra =
        slot === 'none'
          ? 'none'
          : escalate
            ? 'escalate'
            : random.weighted({ note: 30, thanks: 35, none: 35 });
      if (extra === 'escalate') escalateNow();
      else if (extra === 'note') note(agentGap(), story.note);
      reply(agentGap(), story.replies[1]);
      reply(between(random, HOUR, 3 * DAY), story.replies[2]);
      if (extra === 'thanks') say(customerGap(), story.customer[1]);
      update(between(random, MINUTE, 30 * MINUTE), { status: 'resolved', solution: fill(story.solution) });
    };

    switch (status) {
      case 'open':
        if (ageDays > 3 && random.chance(0.3)) {
          // Resolved, then the customer wrote that it is back: the ticket reopened and needs attention.
          workToResolution('none');
          say(between(random, 6 * HOUR, 2 * DAY), random.pick(pack.phrases.reopens));
        } else if (random.chance(0.4)) say(customerGap(), story.customer[0]);
        break;
      case 'in_progress':
        say(customerGap(), story.customer[0]);
        if (escalate) escalateNow();
        else note(agentGap(), story.note);
        update(between(random, MINUTE, 20 * MINUTE), { status: 'in_progress' });
        if (random.chance(0.5)) reply(agentGap(), story.replies[1]);
        break;
      case 'waiting_customer':
        if (random.chance(0.5)) {
          say(customerGap(), story.customer[0]);
          reply(agentGap(), story.replies[1]);
        }
        update(between(random, MINUTE, 5 * MINUTE), { status: 'waiting_customer' });
        break;
      case 'waiting_third_party':
        say(customerGap(), story.customer[0]);
        note(agentGap(), story.note);
        update(between(random, MINUTE, 10 * MINUTE), { status: 'waiting_third_party' });
        break;
      case 'resolved':
        workToResolution('extra');
        break;
      case 'closed':
        workToResolution('extra');
        if (ageDays > 6 && random.chance(0.7)) {
          update(between(random, 72 * HOUR, 78 * HOUR), { status: 'closed' }, AUTO_CLOSE, 'system');
        } else update(between(random, 10 * MINUTE, 2 * DAY), { status: 'closed' });
        break;
    }
    addTicket(planned.length - 1, created, script);
  };

  const regular = Math.max(0, count - SPAM.length - DUPLICATES);
  for (let i = 0; i < regular; i++) planRegular();

  // The same request sent again through the portal, merged into the first one by its agent.
  const random = streamOf(-1);
  const originals = random.sample(
    planned.filter(
      (p) =>
        p.channel === 'email' &&
        p.agent &&
        (p.status === 'open' ||
          p.status === 'in_progress' ||
          p.status === 'waiting_customer' ||
          p.status === 'waiting_third_party') &&
        now - p.created > 2 * DAY,
    ),
    DUPLICATES,
  );
  for (const original of originals) {
    const contact = original.contact!;
    const pack = original.pack!;
    const created = original.created + between(random, 20 * MINUTE, 3 * HOUR);
    const description = `${pack.phrases.resent}\n\n${original.input!.description ?? ''}`;
    const input: CreateTicketInput = { ...original.input!, channel: 'portal', description };
    planned.push({
      ...original,
      index: planned.length,
      status: 'duplicate',
      channel: 'portal',
      created,
      input,
    });
    addTicket(planned.length - 1, created, [
      { gap: 0, actor: customerActor(contact), channel: 'portal', action: { do: 'create', input } },
      {
        gap: 1000,
        actor: customerActor(contact),
        channel: 'portal',
        action: {
          do: 'message',
          input: {
            kind: 'customer',
            body: description,
            authorContactId: contact.id,
            authorName: contact.name,
          },
        },
      },
      {
        gap: between(random, 30 * MINUTE, 5 * HOUR),
        actor: original.agent!.actor,
        channel: 'web',
        action: { do: 'merge', into: original.index },
      },
    ]);
  }
  // Too few candidates for duplicates (a tiny data set): plain tickets keep the promised count.
  for (let k = originals.length; k < DUPLICATES && planned.length < count - SPAM.length; k++) planRegular();

  for (const spam of SPAM) {
    const random = streamOf(planned.length);
    const group = cast.groups.get(spam.group)!;
    const sender: Actor = { type: 'system', name: spam.from };
    const created = creationInstant(random, now, 'en');
    planned.push({
      index: planned.length,
      status: 'spam',
      channel: spam.channel,
      created,
      contact: null,
      pack: null,
      agent: null,
      input: null,
    });
    addTicket(planned.length - 1, created, [
      {
        gap: 0,
        actor: sender,
        channel: spam.channel,
        action: {
          do: 'create',
          input: {
            subject: spam.subject,
            description: spam.body,
            channel: spam.channel,
            ownerGroupId: group.id,
            departmentId: group.departmentId,
          },
        },
      },
      {
        gap: 1000,
        actor: sender,
        channel: spam.channel,
        action: { do: 'message', input: { kind: 'customer', body: spam.body, authorName: spam.from } },
      },
      {
        gap: between(random, 10 * MINUTE, 6 * HOUR),
        actor: random.pick(group.members).actor,
        channel: 'web',
        action: { do: 'void', reason: spam.reason },
      },
    ]);
  }

  return steps.sort((a, b) => a.at - b.at || a.order - b.order);
}
