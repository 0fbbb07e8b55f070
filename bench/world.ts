// The small tables the tickets point at: agents, departments, groups, organizations, contacts and
// products. Built in memory (a few tens of thousands of rows), then copied in.
import { randomUUID } from 'node:crypto';
import {
  EN_FIRST,
  EN_LAST,
  FR_FIRST,
  FR_LAST,
  type Lang,
  ORG_PARTS,
  RU_FIRST_F,
  RU_FIRST_M,
  RU_LAST,
  ZH_GIVEN,
  ZH_SURNAMES,
} from './corpus.ts';
import { type Rng, weighted } from './random.ts';
import { type ProductRef, productCatalog, productName, toTraditional } from './text.ts';

export interface AgentSeed {
  id: string;
  name: string;
  firstName: string;
  email: string;
  admin: boolean;
  language: Lang;
}

export interface GroupSeed {
  id: string;
  name: string;
  departmentId: string;
  memberIds: string[];
  /** The language this group's queue serves, if any. */
  lang: Lang | null;
  weight: number;
}

export interface OrgSeed {
  id: string;
  name: string;
  tier: 'vip' | 'high_value' | 'standard';
  lang: Lang;
  domain: string;
  accountManagerId: string | null;
}

export interface ContactSeed {
  id: string;
  name: string;
  firstName: string;
  lang: Lang;
  orgId: string | null;
  emails: string[];
  phones: string[];
  vip: boolean;
}

export interface ProductSeed {
  id: string;
  name: string;
  code: string;
  ref: ProductRef;
}

export interface World {
  agents: AgentSeed[];
  departments: Array<{ id: string; name: string }>;
  groups: GroupSeed[];
  orgs: OrgSeed[];
  contacts: ContactSeed[];
  contactsByLang: Record<Lang, ContactSeed[]>;
  orgById: Map<string, OrgSeed>;
  products: ProductSeed[];
}

export const pickLanguage = weighted<Lang>([
  ['en', 40],
  ['zh-CN', 20],
  ['zh-TW', 10],
  ['ru', 15],
  ['fr', 15],
]);

// biome-ignore format: a word list reads best as a block
const RU_TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Lower-case ASCII for e-mail addresses. */
function ascii(text: string): string {
  return [...text.toLowerCase()]
    .map((ch) => RU_TRANSLIT[ch] ?? ch)
    .join('')
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');
}

interface PersonName {
  name: string;
  firstName: string;
  /** first.last in ASCII */
  local: string;
}

function personName(rng: Rng, lang: Lang): PersonName {
  switch (lang) {
    case 'en': {
      const first = rng.pick(EN_FIRST);
      const last = rng.pick(EN_LAST);
      return { name: `${first} ${last}`, firstName: first, local: `${ascii(first)}.${ascii(last)}` };
    }
    case 'fr': {
      const first = rng.pick(FR_FIRST);
      const last = rng.pick(FR_LAST);
      return { name: `${first} ${last}`, firstName: first, local: `${ascii(first)}.${ascii(last)}` };
    }
    case 'ru': {
      const female = rng.chance(0.5);
      const first = rng.pick(female ? RU_FIRST_F : RU_FIRST_M);
      const lastM = rng.pick(RU_LAST);
      const last = female ? `${lastM}а` : lastM;
      return { name: `${first} ${last}`, firstName: first, local: `${ascii(first)}.${ascii(last)}` };
    }
    default: {
      const [surname, surPinyin] = rng.pick(ZH_SURNAMES);
      const [given, givenPinyin] = rng.pick(ZH_GIVEN);
      const name = lang === 'zh-TW' ? toTraditional(surname + given) : surname + given;
      return { name, firstName: name, local: `${givenPinyin}.${surPinyin}` };
    }
  }
}

const PUBLIC_DOMAINS: Record<Lang, string[]> = {
  en: ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com'],
  'zh-CN': ['qq.com', '163.com', '126.com', 'sina.com'],
  'zh-TW': ['gmail.com', 'yahoo.com.tw', 'hotmail.com'],
  ru: ['yandex.ru', 'mail.ru', 'gmail.com'],
  fr: ['orange.fr', 'free.fr', 'gmail.com', 'laposte.net'],
};
const TLDS: Record<Lang, string[]> = {
  en: ['com', 'co.uk', 'io', 'com.au'],
  'zh-CN': ['cn', 'com.cn'],
  'zh-TW': ['com.tw', 'tw'],
  ru: ['ru'],
  fr: ['fr', 'com'],
};
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ren',
  'tso',
  'vel',
  'dar',
  'hua',
  'xin',
  'tek',
  'nor',
  'bel',
  'sun',
  'pei',
  'ros',
  'ami',
];

const GROUPS: Array<{ name: string; lang: Lang | null; weight: number; department: number }> = [
  { name: 'Support EN', lang: 'en', weight: 22, department: 0 },
  { name: '中文客服', lang: 'zh-CN', weight: 18, department: 0 },
  { name: 'Поддержка', lang: 'ru', weight: 10, department: 0 },
  { name: 'Support FR', lang: 'fr', weight: 10, department: 0 },
  { name: 'Billing', lang: null, weight: 10, department: 1 },
  { name: 'Returns & Repairs', lang: null, weight: 9, department: 0 },
  { name: 'Technical L2', lang: null, weight: 8, department: 1 },
  { name: 'Shipping', lang: null, weight: 7, department: 0 },
  { name: 'VIP Desk', lang: null, weight: 4, department: 2 },
  { name: 'Escalations', lang: null, weight: 2, department: 2 },
];

const pickTier = weighted<OrgSeed['tier']>([
  ['vip', 3],
  ['high_value', 12],
  ['standard', 85],
]);

function phoneNumber(rng: Rng, lang: Lang): string {
  switch (lang) {
    case 'en':
      return `+1 ${rng.between(201, 989)} ${rng.digits(3)} ${rng.digits(4)}`;
    case 'zh-CN':
      return `+86 1${rng.between(30, 89)} ${rng.digits(4)} ${rng.digits(4)}`;
    case 'zh-TW':
      return `+886 9${rng.digits(2)} ${rng.digits(3)} ${rng.digits(3)}`;
    case 'ru':
      return `+7 9${rng.digits(2)} ${rng.digits(3)}-${rng.digits(2)}-${rng.digits(2)}`;
    default:
      return `+33 6 ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`;
  }
}

export function buildWorld(
  rng: Rng,
  sizes: {
    agents: number;
    groups: number;
    departments: number;
    organizations: number;
    contacts: number;
    products: number;
  },
): World {
  const agents: AgentSeed[] = [];
  const agentEmails = new Set<string>();
  for (let i = 0; i < sizes.agents; i++) {
    const lang = pickLanguage(rng);
    const person = personName(rng, lang);
    let email = `${person.local}@caseway-bench.example`;
    for (let n = 2; agentEmails.has(email); n++) email = `${person.local}${n}@caseway-bench.example`;
    agentEmails.add(email);
    agents.push({
      id: randomUUID(),
      name: person.name,
      firstName: person.firstName,
      email,
      admin: i === 0,
      language: lang,
    });
  }

  // The three named departments, then regions; the ten named groups, then regional copies of
  // them sharing their weight, spread over the departments.
  const departments = Array.from({ length: Math.max(3, sizes.departments) }, (_, i) => ({
    id: randomUUID(),
    name: ['Consumer', 'Business', 'Key Accounts'][i] ?? `Region ${i - 2}`,
  }));
  const groupCount = Math.max(GROUPS.length, sizes.groups);
  const groups: GroupSeed[] = Array.from({ length: groupCount }, (_, i) => {
    const g = GROUPS[i % GROUPS.length]!;
    const copies = Math.ceil((groupCount - (i % GROUPS.length)) / GROUPS.length);
    const copy = Math.floor(i / GROUPS.length);
    return {
      id: randomUUID(),
      name: copy === 0 ? g.name : `${g.name} ${copy + 1}`,
      departmentId: departments[copy === 0 ? g.department : i % departments.length]!.id,
      memberIds: [],
      lang: g.lang,
      weight: g.weight / copies,
    };
  });
  // Every agent works in one to three groups; language groups take agents who speak it.
  for (const agent of agents) {
    const own = groups.find(
      (g) => g.lang === agent.language || (agent.language === 'zh-TW' && g.lang === 'zh-CN'),
    );
    const chosen = new Set<GroupSeed>(own ? [own] : []);
    const target = 1 + rng.int(3);
    while (chosen.size < target) chosen.add(rng.pick(groups));
    for (const g of chosen) g.memberIds.push(agent.id);
  }
  for (const g of groups) {
    while (g.memberIds.length < 3) {
      const a = rng.pick(agents).id;
      if (!g.memberIds.includes(a)) g.memberIds.push(a);
    }
  }

  const orgs: OrgSeed[] = [];
  const orgNames = new Set<string>();
  const domains = new Set<string>();
  for (let i = 0; i < sizes.organizations; i++) {
    const lang = pickLanguage(rng);
    const parts = ORG_PARTS[lang === 'zh-TW' ? 'zh-CN' : lang];
    let name = '';
    for (let attempt = 0; attempt < 30 && (name === '' || orgNames.has(name.toLowerCase())); attempt++) {
      name = parts.pattern
        .replace('{a}', rng.pick(parts.a))
        .replace('{b}', rng.pick(parts.b))
        .replace('{c}', rng.pick(parts.c));
      if (lang === 'zh-TW') name = toTraditional(name);
    }
    for (let n = 2; orgNames.has(name.toLowerCase()); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
    orgNames.add(name.toLowerCase());
    let base = ascii(name).slice(0, 18);
    if (base.length < 4)
      base = SYLLABLES.map(() => rng.pick(SYLLABLES))
        .slice(0, 3)
        .join('');
    let domain = `${base}.${rng.pick(TLDS[lang])}`;
    for (let n = 2; domains.has(domain); n++) domain = `${base}${n}.${rng.pick(TLDS[lang])}`;
    domains.add(domain);
    const tier = pickTier(rng);
    orgs.push({
      id: randomUUID(),
      name,
      tier,
      lang,
      domain,
      accountManagerId: tier === 'standard' ? null : rng.pick(agents).id,
    });
  }
  const orgsByLang = new Map<Lang, OrgSeed[]>();
  for (const o of orgs) orgsByLang.set(o.lang, [...(orgsByLang.get(o.lang) ?? []), o]);

  const contacts: ContactSeed[] = [];
  const emails = new Set<string>();
  for (let i = 0; i < sizes.contacts; i++) {
    const lang = pickLanguage(rng);
    const person = personName(rng, lang);
    const sameLang = orgsByLang.get(lang) ?? orgs;
    const org = rng.chance(0.7) ? rng.pick(rng.chance(0.9) ? sameLang : orgs) : null;
    const address = (domain: string) => {
      let email = `${person.local}@${domain}`;
      for (let n = 2; emails.has(email); n++) email = `${person.local}${n}@${domain}`;
      emails.add(email);
      return email;
    };
    const list = [address(org ? org.domain : rng.pick(PUBLIC_DOMAINS[lang]))];
    if (rng.chance(0.15)) list.push(address(rng.pick(PUBLIC_DOMAINS[lang])));
    contacts.push({
      id: randomUUID(),
      name: person.name,
      firstName: person.firstName,
      lang,
      orgId: org?.id ?? null,
      emails: list,
      phones: rng.chance(0.6) ? [phoneNumber(rng, lang)] : [],
      vip: org?.tier === 'vip' || rng.chance(0.02),
    });
  }
  const contactsByLang = { en: [], 'zh-CN': [], 'zh-TW': [], ru: [], fr: [] } as Record<Lang, ContactSeed[]>;
  for (const c of contacts) contactsByLang[c.lang].push(c);

  const products: ProductSeed[] = [];
  const productNames = new Set<string>();
  for (const [i, ref] of productCatalog(sizes.products).entries()) {
    let name = productName(ref);
    for (let n = 2; productNames.has(name.toLowerCase()); n++) name = `${productName(ref)} (${n})`;
    productNames.add(name.toLowerCase());
    products.push({
      id: randomUUID(),
      name,
      code: `${ref.brand.slice(0, 3).toUpperCase()}-${ref.model.toUpperCase()}-${i + 1}`,
      ref,
    });
  }

  return {
    agents,
    departments,
    groups,
    orgs,
    contacts,
    contactsByLang,
    orgById: new Map(orgs.map((o) => [o.id, o])),
    products,
  };
}
