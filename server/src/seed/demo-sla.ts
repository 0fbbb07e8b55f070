// The demo's service levels: business-hours calendars in the team's time zones (Paris, Moscow,
// Shanghai, Taipei, Los Angeles; the built-in 24×7 one stays), policies per key account and per
// regional desk, and a few showcase tickets written so that, at the seeding instant, every SLA
// state is on show (running, due within the hour, breached, paused, met, met late).
import {
  type CalendarDto,
  createCalendar,
  createPolicy,
  listCalendars,
  listPolicies,
  type SlaAdminCtx,
} from '../modules/sla/index.ts';
import type { Actor } from '../platform/context.ts';
import type { Language } from '../platform/i18n.ts';
import type { DemoAgent, DemoCast, DemoContact, GroupKey, LanguagePack, Priority } from './demo-model.ts';
import { customerActor, MINUTE, type Step } from './demo-tickets.ts';

type Week = Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string[][]>;
const workWeek = (...hours: string[][]): Week => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: [],
  sun: [],
});

/** Office calendars; holidays are the fixed public holidays of the current and next year. */
function calendarSeeds(
  year: number,
): Array<{ name: string; timezone: string; week: Week; holidays: string[] }> {
  const yearly = (...days: string[]) => [year, year + 1].flatMap((y) => days.map((d) => `${y}-${d}`));
  return [
    {
      name: 'Paris office',
      timezone: 'Europe/Paris',
      week: workWeek(['09:00', '12:30'], ['13:30', '18:00']),
      holidays: yearly('01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'),
    },
    {
      name: 'Moscow office',
      timezone: 'Europe/Moscow',
      week: workWeek(['09:00', '18:00']),
      holidays: yearly('01-01', '01-02', '01-07', '02-23', '03-08', '05-01', '05-09', '06-12', '11-04'),
    },
    {
      name: 'Shanghai office',
      timezone: 'Asia/Shanghai',
      week: workWeek(['09:00', '12:00'], ['13:00', '18:00']),
      holidays: yearly('01-01', '05-01', '10-01', '10-02', '10-03'),
    },
    {
      name: 'Taipei office',
      timezone: 'Asia/Taipei',
      week: workWeek(['09:00', '12:00'], ['13:30', '18:00']),
      holidays: yearly('01-01', '02-28', '04-04', '05-01', '10-10'),
    },
    {
      name: 'Los Angeles office',
      timezone: 'America/Los_Angeles',
      week: workWeek(['08:00', '17:00']),
      holidays: yearly('01-01', '07-04', '11-11', '12-25'),
    },
  ];
}

type Targets = Record<Priority, [firstResponse: number, nextResponse: number, resolution: number]>;

function targets(calendarId: string, minutes: Targets) {
  return Object.fromEntries(
    Object.entries(minutes).map(([priority, [first, next, resolution]]) => [
      priority,
      {
        firstResponse: { minutes: first, calendarId },
        nextResponse: { minutes: next, calendarId },
        resolution: { minutes: resolution, calendarId },
      },
    ]),
  );
}

/** Business-hours targets of the regional desks (minutes of business time). */
const OFFICE_TARGETS: Targets = {
  urgent: [60, 120, 480],
  high: [120, 240, 960],
  normal: [240, 480, 1920],
  low: [480, 960, 4800],
};

/** Key accounts are answered around the clock, and sooner. */
const KEY_ACCOUNT_TARGETS: Targets = {
  urgent: [30, 60, 240],
  high: [60, 120, 480],
  normal: [120, 240, 1440],
  low: [240, 480, 2880],
};

/** The policies tried in this order (the built-in Default, 24×7, catches the rest). */
function policySeeds(calendar: (name: string) => string, group: (key: GroupKey) => string) {
  const desk = (name: string, description: string, groups: GroupKey[], calendarName: string) => ({
    name,
    description,
    condition: { field: 'ownerGroupId', op: 'in', value: groups.map(group) },
    targets: targets(calendar(calendarName), OFFICE_TARGETS),
    warning: { percentUsed: 75 },
    escalations: [],
  });
  return [
    {
      name: 'Key accounts (24×7)',
      description: 'VIP organizations and VIP contacts: answered around the clock, escalated at the breach.',
      condition: {
        any: [
          { field: 'organization.tier', op: 'eq', value: 'vip' },
          { field: 'contact.vip', op: 'eq', value: true },
        ],
      },
      targets: targets(calendar('24×7'), KEY_ACCOUNT_TARGETS),
      warning: { minutesBefore: 15 },
      escalations: [{ afterMinutes: 0, actions: [{ type: 'notify', recipient: 'group' }] }],
    },
    desk('China desk', 'Mainland China, Shanghai business hours.', ['china'], 'Shanghai office'),
    desk('Taiwan desk', 'Taiwan and repairs, Taipei business hours.', ['taiwan', 'repairs'], 'Taipei office'),
    desk('France desk', 'France and refunds, Paris business hours.', ['france', 'refunds'], 'Paris office'),
    desk('CIS desk', 'Russia and the CIS, Moscow business hours.', ['cis'], 'Moscow office'),
    desk(
      'Americas desk',
      'First and second level, Los Angeles business hours.',
      ['general', 'l1', 'l2'],
      'Los Angeles office',
    ),
  ];
}

/**
 * Creates the calendars and policies (those of the same name are kept as they are).
 * Returns how many of each it added.
 */
export async function createSlaSetup(
  ctx: SlaAdminCtx,
  cast: Pick<DemoCast, 'groups'>,
): Promise<{ calendars: number; policies: number }> {
  const added = { calendars: 0, policies: 0 };
  const calendars = new Map((await listCalendars(ctx)).map((c) => [c.name, c]));
  for (const seed of calendarSeeds(ctx.clock.now().getUTCFullYear())) {
    if (calendars.has(seed.name)) continue;
    const { name, ...definition } = seed;
    const created: CalendarDto = await createCalendar(ctx, { name, definition });
    calendars.set(name, created);
    added.calendars += 1;
  }
  const existing = new Set((await listPolicies(ctx)).map((p) => p.name));
  const calendarId = (name: string) => calendars.get(name)!.id;
  const groupId = (key: GroupKey) => cast.groups.get(key)!.id;
  for (const seed of policySeeds(calendarId, groupId)) {
    if (existing.has(seed.name)) continue;
    await createPolicy(ctx, seed);
    added.policies += 1;
  }
  return added;
}

/** The SLA states the showcase tickets are in at the seeding instant (first response, or resolution). */
export type ShowcaseState = 'running' | 'dueSoon' | 'breached' | 'paused' | 'met' | 'metLate';

interface Showcase {
  state: ShowcaseState;
  language: Language;
  priority: Priority;
  /** Minutes before the seeding instant. */
  createdMinutesAgo: number;
  subject: string;
  description: string;
  /** What follows, minutes after creation. */
  afterwards: Array<
    | { after: number; reply: string }
    | { after: number; customer: string }
    | { after: number; status: 'open' | 'in_progress' | 'waiting_customer' }
  >;
}

const DESK: Record<Language, GroupKey> = {
  en: 'vip',
  fr: 'france',
  ru: 'cis',
  'zh-CN': 'china',
  'zh-TW': 'taiwan',
};

/** The showcase tickets, all for key accounts (24×7, so their state does not depend on the weekday). */
export const SLA_SHOWCASE: readonly Showcase[] = [
  {
    state: 'running',
    language: 'fr',
    priority: 'normal',
    createdMinutesAgo: 15,
    subject: 'Bourrages papier à répétition sur le bac 2 de la P500',
    description:
      'Bonjour,\n\nDepuis ce matin, notre P500 du deuxième étage bloque le papier dans le bac 2 toutes les dix pages environ. Nous avons changé de ramette, sans effet. Pouvez-vous nous aider ? Nous avons des contrats à imprimer aujourd’hui.\n\nMerci d’avance.',
    afterwards: [],
  },
  {
    state: 'dueSoon',
    language: 'en',
    priority: 'urgent',
    createdMinutesAgo: 10,
    subject: 'All checkout terminals offline at the downtown store',
    description:
      'Hello,\n\nSince about ten minutes ago none of the six checkout terminals at our downtown store can reach the payment service. The router shows a red WAN light. We have a queue of customers; please call us back as soon as possible.\n\nThanks',
    afterwards: [],
  },
  {
    state: 'breached',
    language: 'ru',
    priority: 'high',
    createdMinutesAgo: 180,
    subject: 'Не работает VPN-доступ для филиала в Екатеринбурге',
    description:
      'Здравствуйте!\n\nС утра сотрудники филиала в Екатеринбурге не могут подключиться к VPN: клиент пишет «превышено время ожидания». Из московского офиса всё работает. Просим срочно посмотреть, у нас закрытие месяца.\n\nС уважением',
    afterwards: [
      {
        after: 120,
        customer: 'Добрый день! Есть ли новости? Филиал по-прежнему без доступа к учётной системе.',
      },
    ],
  },
  {
    state: 'paused',
    language: 'zh-CN',
    priority: 'normal',
    createdMinutesAgo: 26 * 60,
    subject: '会议室打印机无法连接无线网络',
    description:
      '您好：\n\n三楼会议室的打印机昨天更换路由器后就连不上无线网络了，面板显示“认证失败”。我们已经重新输入过密码，还是不行。请协助处理，谢谢！',
    afterwards: [
      {
        after: 40,
        reply:
          '请在打印机面板上打开“网络设置 > 无线 > 网络信息”，把显示的加密方式拍照发给我们；新路由器如果只开启了 WPA3，打印机需要先升级固件。',
      },
      { after: 41, status: 'waiting_customer' },
    ],
  },
  {
    state: 'met',
    language: 'en',
    priority: 'low',
    createdMinutesAgo: 5 * 60,
    subject: 'Invoice PDF shows our old VAT number',
    description:
      'Hi,\n\nThe invoices we download from the portal still show our old VAT number (we moved to a new one in March). Our accountant needs corrected copies for the last quarter.\n\nKind regards',
    afterwards: [
      {
        after: 70,
        reply:
          'Thanks for letting us know. I have updated the VAT number on your account; new invoices will show it. Could you tell me which invoice numbers of the last quarter you need reissued?',
      },
      { after: 71, status: 'in_progress' },
      { after: 180, customer: 'Thank you! We need INV-20431, INV-20588 and INV-20702.' },
      {
        after: 220,
        reply:
          'The three invoices are being reissued with the new VAT number; billing will send them by the end of the day.',
      },
    ],
  },
  {
    state: 'metLate',
    language: 'zh-TW',
    priority: 'high',
    createdMinutesAgo: 7 * 60,
    subject: '路由器韌體更新後頻繁斷線',
    description:
      '您好：\n\n昨晚路由器自動更新韌體後，辦公室網路每隔半小時就斷線一次，重新開機也只能撐一陣子。請儘快協助，我們今天有視訊會議。',
    afterwards: [
      {
        after: 120,
        reply:
          '抱歉讓您久等。請先到管理介面「系統 > 韌體」確認版本，我們已知 3.2.1 版有此問題，可以先退回 3.1.8 版。',
      },
      { after: 125, status: 'in_progress' },
    ],
  },
];

function keyAccount(cast: DemoCast, language: Language): DemoContact {
  const contact =
    cast.contacts.find((c) => c.language === language && c.organizationTier === 'vip') ??
    cast.contacts.find((c) => c.language === language && c.vip);
  if (!contact) throw new Error(`demo data: no key account contact in ${language}`);
  return contact;
}

function deskAgent(cast: DemoCast, desk: GroupKey, language: Language): DemoAgent {
  const members = cast.groups.get(desk)!.members;
  return members.find((a) => a.language === language) ?? members[0]!;
}

/** The showcase tickets' steps, as plan steps for tickets `first`, `first + 1`, … */
export function showcaseSteps(
  cast: DemoCast,
  packs: Record<Language, LanguagePack>,
  now: number,
  first: number,
): Step[] {
  const steps: Step[] = [];
  let order = 1_000_000;
  SLA_SHOWCASE.forEach((show, k) => {
    const ticket = first + k;
    const contact = keyAccount(cast, show.language);
    const desk = cast.groups.get(DESK[show.language])!;
    const agent = deskAgent(cast, desk.key, show.language);
    const customer: Actor = customerActor(contact);
    const created = now - show.createdMinutesAgo * MINUTE;
    const step = (after: number, actor: Actor, action: Step['action'], channel: Step['channel'] = 'email') =>
      steps.push({ ticket, at: created + after * MINUTE, order: order++, actor, channel, action });
    step(0, customer, {
      do: 'create',
      input: {
        subject: show.subject,
        description: show.description,
        channel: 'email',
        contactId: contact.id,
        priority: show.priority,
        ownerGroupId: desk.id,
        departmentId: desk.departmentId,
        ownerAgentId: agent.id,
        tags: ['key-account'],
      },
    });
    step(1 / 60, customer, {
      do: 'message',
      input: {
        kind: 'customer',
        body: show.description,
        authorContactId: contact.id,
        authorName: contact.name,
      },
    });
    for (const next of show.afterwards) {
      if ('reply' in next) {
        const body = packs[show.language].phrases.reply(contact.greetingName, next.reply, agent.name);
        step(next.after, agent.actor, { do: 'message', input: { kind: 'reply', body } }, 'web');
      } else if ('customer' in next) {
        step(next.after, customer, {
          do: 'message',
          input: {
            kind: 'customer',
            body: next.customer,
            authorContactId: contact.id,
            authorName: contact.name,
          },
        });
      } else {
        step(next.after, agent.actor, { do: 'update', input: { status: next.status } }, 'web');
      }
    }
  });
  return steps;
}
