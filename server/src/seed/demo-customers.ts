// The demo customers: about forty organizations in five markets (with tiers, email domains and
// account managers), about 150 contacts on their domains, and the products tickets are about.
import { eq } from 'drizzle-orm';
import {
  createContact,
  createOrganization,
  createProduct,
  findContactByEmail,
  organizations,
  products,
} from '../modules/customers/index.ts';
import type { Ctx } from '../platform/context.ts';
import type { Language } from '../platform/i18n.ts';
import type { DemoAgent, DemoContact, DemoProduct, ProductKind } from './demo-model.ts';
import type { Random } from './demo-random.ts';

type Tier = 'vip' | 'high_value' | 'standard';

interface OrganizationSeed {
  name: string;
  domain: string;
  tier: Tier;
  language: Language;
  phone: string;
  notes?: string;
}

const o = (
  language: Language,
  tier: Tier,
  name: string,
  domain: string,
  phone: string,
  notes?: string,
): OrganizationSeed => ({
  name,
  domain,
  tier,
  language,
  phone,
  ...(notes ? { notes } : {}),
});

const ORGANIZATIONS: OrganizationSeed[] = [
  o(
    'en',
    'vip',
    'Harbor View Hotels',
    'harborviewhotels.com',
    '+1 (415) 555-0142',
    '38 properties on the West Coast; printers in every front office.',
  ),
  o(
    'en',
    'vip',
    'Acme Logistics',
    'acme-logistics.com',
    '+1 (312) 555-0187',
    'Label printers in 12 warehouses. Escalate outages immediately.',
  ),
  o('en', 'high_value', 'Brightline Dental Group', 'brightlinedental.com', '+1 (206) 555-0113'),
  o(
    'en',
    'high_value',
    'Summit Legal LLP',
    'summitlegal.com',
    '+1 (212) 555-0166',
    'Business plan, 120 seats.',
  ),
  o('en', 'high_value', 'Northwind Traders', 'northwindtraders.com', '+1 (503) 555-0121'),
  o('en', 'standard', 'Cedar & Pine Realty', 'cedarpinerealty.com', '+1 (541) 555-0178'),
  o('en', 'standard', 'Bluebird Elementary School', 'bluebird-school.org', '+1 (916) 555-0135'),
  o('en', 'standard', 'Redwood Family Clinic', 'redwoodclinic.com', '+1 (707) 555-0190'),
  o('en', 'standard', 'Keystone Accounting', 'keystone-cpa.com', '+1 (717) 555-0104'),
  o('en', 'standard', 'Lakeside Print Shop', 'lakesideprint.com', '+1 (608) 555-0159'),
  o('en', 'standard', 'Orbit Media Studio', 'orbitmedia.studio', '+1 (323) 555-0148'),
  o('en', 'standard', 'Pioneer Freight', 'pioneerfreight.com', '+1 (602) 555-0117'),
  o(
    'zh-CN',
    'vip',
    '上海华东贸易有限公司',
    'huadong-trade.cn',
    '+86 21 5555 0101',
    '华东区重点客户，全部门店使用 P500。',
  ),
  o('zh-CN', 'high_value', '北京星辰科技有限公司', 'xingchen-tech.cn', '+86 10 5555 0123'),
  o('zh-CN', 'high_value', '深圳蓝海电子有限公司', 'lanhai-elec.cn', '+86 755 5555 0145'),
  o('zh-CN', 'standard', '杭州西湖文旅集团', 'xihu-travel.cn', '+86 571 5555 0167'),
  o('zh-CN', 'standard', '成都天府物流有限公司', 'tianfu-logistics.cn', '+86 28 5555 0189'),
  o('zh-CN', 'standard', '广州南方医疗器械有限公司', 'nanfang-med.cn', '+86 20 5555 0112'),
  o('zh-CN', 'standard', '武汉长江印务', 'changjiang-print.cn', '+86 27 5555 0134'),
  o(
    'zh-TW',
    'vip',
    '宏達印刷股份有限公司',
    'hongda-print.com.tw',
    '+886 2 5555 0156',
    '台北總公司與三個廠區，租賃 40 台印表機。',
  ),
  o('zh-TW', 'high_value', '晶創科技股份有限公司', 'jingchuang.com.tw', '+886 3 5555 0178'),
  o('zh-TW', 'standard', '綠野餐飲集團', 'luye-food.com.tw', '+886 4 5555 0191'),
  o('zh-TW', 'standard', '港灣物流有限公司', 'harbor-logistics.com.tw', '+886 7 5555 0113'),
  o('zh-TW', 'standard', '古都文創有限公司', 'gudu-creative.com.tw', '+886 6 5555 0135'),
  o('zh-TW', 'standard', '新竹市立圖書館', 'hcml.gov.tw', '+886 3 5555 0157'),
  o(
    'ru',
    'vip',
    'ООО «Северный ветер»',
    'severveter.ru',
    '+7 (495) 555-01-23',
    'Сеть из 25 офисов, договор расширенной гарантии.',
  ),
  o('ru', 'high_value', 'АО «Уралтехснаб»', 'uraltehsnab.ru', '+7 (343) 555-01-45'),
  o('ru', 'high_value', 'ТОО «Алматы Сервис»', 'almaty-service.kz', '+7 (727) 555-01-67'),
  o('ru', 'standard', 'ООО «Балтийская логистика»', 'baltlog.ru', '+7 (812) 555-01-89'),
  o('ru', 'standard', 'ИП Гарипов (Казанский принт)', 'kazanprint.ru', '+7 (843) 555-01-12'),
  o('ru', 'standard', 'ООО «Минск Офис»', 'minskoffice.by', '+375 17 555-01-34'),
  o('ru', 'standard', 'ООО «Сибирские окна»', 'sibokna.ru', '+7 (383) 555-01-56'),
  o(
    'fr',
    'vip',
    'Hôtel du Lac',
    'hoteldulac.fr',
    '+33 4 50 55 01 23',
    'Groupe hôtelier, 6 établissements en Haute-Savoie.',
  ),
  o('fr', 'high_value', 'Cabinet Lefèvre Avocats', 'lefevre-avocats.fr', '+33 1 55 55 01 45'),
  o('fr', 'high_value', 'Transports Girard', 'transports-girard.fr', '+33 4 72 55 01 67'),
  o('fr', 'standard', 'Boulangerie Martin SARL', 'boulangerie-martin.fr', '+33 2 40 55 01 89'),
  o('fr', 'standard', 'Pharmacie Centrale de Lyon', 'pharmacie-centrale-lyon.fr', '+33 4 78 55 01 12'),
  o('fr', 'standard', 'Imprimerie Rousseau', 'imprimerie-rousseau.fr', '+33 5 56 55 01 34'),
  o('fr', 'standard', 'Atelier Bernard', 'atelier-bernard.be', '+32 2 555 01 56'),
  o('fr', 'standard', 'Clinique vétérinaire des Alpes', 'vet-alpes.ch', '+41 22 555 01 78'),
];

/** Personal addresses of contacts who write without an organization. */
const FREEMAIL: Record<Language, string[]> = {
  en: ['gmail.com', 'outlook.com'],
  'zh-CN': ['qq.com', '163.com'],
  'zh-TW': ['yahoo.com.tw'],
  ru: ['yandex.ru', 'mail.ru'],
  fr: ['orange.fr', 'free.fr'],
};

/** [written name, romanized for the address]. */
type Name = [string, string];

const GIVEN: Record<Exclude<Language, 'ru'>, Name[]> = {
  en: [
    ['Emily', 'emily'],
    ['Michael', 'michael'],
    ['Jessica', 'jessica'],
    ['David', 'david'],
    ['Ashley', 'ashley'],
    ['Chris', 'chris'],
    ['Megan', 'megan'],
    ['Ryan', 'ryan'],
    ['Laura', 'laura'],
    ['Kevin', 'kevin'],
    ['Rachel', 'rachel'],
    ['Brian', 'brian'],
    ['Olivia', 'olivia'],
    ['Daniel', 'dan'],
    ['Hannah', 'hannah'],
    ['Marcus', 'marcus'],
  ],
  'zh-CN': [
    ['伟', 'wei'],
    ['芳', 'fang'],
    ['娜', 'na'],
    ['敏', 'min'],
    ['静', 'jing'],
    ['磊', 'lei'],
    ['洋', 'yang'],
    ['艳', 'yan'],
    ['勇', 'yong'],
    ['军', 'jun'],
    ['杰', 'jie'],
    ['婷', 'ting'],
    ['晓明', 'xiaoming'],
    ['海燕', 'haiyan'],
    ['建国', 'jianguo'],
    ['丽华', 'lihua'],
  ],
  'zh-TW': [
    ['志豪', 'chihhao'],
    ['怡君', 'yichun'],
    ['雅婷', 'yating'],
    ['家豪', 'chiahao'],
    ['淑芬', 'shufen'],
    ['俊傑', 'chunchieh'],
    ['美玲', 'meiling'],
    ['冠宇', 'kuanyu'],
    ['佳穎', 'chiaying'],
    ['宗翰', 'tsunghan'],
    ['惠如', 'huiju'],
    ['建宏', 'chienhung'],
  ],
  fr: [
    ['Léa', 'lea'],
    ['Hugo', 'hugo'],
    ['Chloé', 'chloe'],
    ['Louis', 'louis'],
    ['Manon', 'manon'],
    ['Lucas', 'lucas'],
    ['Inès', 'ines'],
    ['Nathan', 'nathan'],
    ['Sophie', 'sophie'],
    ['Antoine', 'antoine'],
    ['Élise', 'elise'],
    ['Mathieu', 'mathieu'],
  ],
};

const FAMILY: Record<Exclude<Language, 'ru'>, Name[]> = {
  en: [
    ['Johnson', 'johnson'],
    ['Williams', 'williams'],
    ['Brown', 'brown'],
    ['Garcia', 'garcia'],
    ['Miller', 'miller'],
    ['Davis', 'davis'],
    ['Rodriguez', 'rodriguez'],
    ['Wilson', 'wilson'],
    ['Anderson', 'anderson'],
    ['Taylor', 'taylor'],
    ['Thomas', 'thomas'],
    ['Moore', 'moore'],
    ['Nguyen', 'nguyen'],
    ['Martin', 'martin'],
    ['Lee', 'lee'],
    ['Thompson', 'thompson'],
  ],
  'zh-CN': [
    ['王', 'wang'],
    ['李', 'li'],
    ['张', 'zhang'],
    ['刘', 'liu'],
    ['陈', 'chen'],
    ['杨', 'yang'],
    ['赵', 'zhao'],
    ['黄', 'huang'],
    ['周', 'zhou'],
    ['吴', 'wu'],
    ['徐', 'xu'],
    ['孙', 'sun'],
  ],
  'zh-TW': [
    ['陳', 'chen'],
    ['林', 'lin'],
    ['黃', 'huang'],
    ['張', 'chang'],
    ['李', 'lee'],
    ['王', 'wang'],
    ['吳', 'wu'],
    ['劉', 'liu'],
    ['蔡', 'tsai'],
    ['楊', 'yang'],
    ['許', 'hsu'],
    ['鄭', 'cheng'],
  ],
  fr: [
    ['Martin', 'martin'],
    ['Bernard', 'bernard'],
    ['Petit', 'petit'],
    ['Durand', 'durand'],
    ['Leroy', 'leroy'],
    ['Moreau', 'moreau'],
    ['Simon', 'simon'],
    ['Laurent', 'laurent'],
    ['Lefèvre', 'lefevre'],
    ['Michel', 'michel'],
    ['Garnier', 'garnier'],
    ['Faure', 'faure'],
    ['Rousseau', 'rousseau'],
    ['Blanc', 'blanc'],
  ],
};

const RU_MEN: Name[] = [
  ['Иван', 'ivan'],
  ['Дмитрий', 'dmitry'],
  ['Сергей', 'sergey'],
  ['Андрей', 'andrey'],
  ['Михаил', 'mikhail'],
  ['Николай', 'nikolay'],
  ['Павел', 'pavel'],
  ['Артём', 'artem'],
];
const RU_WOMEN: Name[] = [
  ['Анна', 'anna'],
  ['Елена', 'elena'],
  ['Мария', 'maria'],
  ['Наталья', 'natalya'],
  ['Татьяна', 'tatyana'],
  ['Ирина', 'irina'],
  ['Екатерина', 'ekaterina'],
  ['Светлана', 'svetlana'],
];
/** [masculine, romanized]; the feminine form adds «а». */
const RU_FAMILY: Name[] = [
  ['Петров', 'petrov'],
  ['Соколов', 'sokolov'],
  ['Кузнецов', 'kuznetsov'],
  ['Попов', 'popov'],
  ['Лебедев', 'lebedev'],
  ['Новиков', 'novikov'],
  ['Морозов', 'morozov'],
  ['Волков', 'volkov'],
  ['Фёдоров', 'fedorov'],
  ['Егоров', 'egorov'],
];

interface PersonName {
  name: string;
  greetingName: string;
  local: string;
}

function personName(random: Random, language: Language): PersonName {
  if (language === 'ru') {
    const woman = random.chance(0.5);
    const [given, givenLatin] = random.pick(woman ? RU_WOMEN : RU_MEN);
    const [family, familyLatin] = random.pick(RU_FAMILY);
    return {
      name: `${given} ${family}${woman ? 'а' : ''}`,
      greetingName: given,
      local: `${givenLatin}.${familyLatin}${woman ? 'a' : ''}`,
    };
  }
  const [given, givenLatin] = random.pick(GIVEN[language]);
  const [family, familyLatin] = random.pick(FAMILY[language]);
  if (language === 'zh-CN' || language === 'zh-TW') {
    const name = `${family}${given}`;
    return { name, greetingName: name, local: `${familyLatin}.${givenLatin}` };
  }
  return { name: `${given} ${family}`, greetingName: given, local: `${givenLatin}.${familyLatin}` };
}

const digits = (random: Random, count: number): string =>
  Array.from({ length: count }, () => String(random.int(0, 9))).join('');

function mobilePhone(random: Random, language: Language): string {
  switch (language) {
    case 'en':
      return `+1 (${random.pick(['415', '206', '312', '646', '512'])}) 555-${digits(random, 4)}`;
    case 'zh-CN':
      return `+86 1${random.pick(['38', '39', '58', '86'])} ${digits(random, 4)} ${digits(random, 4)}`;
    case 'zh-TW':
      return `+886 9${digits(random, 2)} ${digits(random, 3)} ${digits(random, 3)}`;
    case 'ru':
      return `+7 (9${digits(random, 2)}) ${digits(random, 3)}-${digits(random, 2)}-${digits(random, 2)}`;
    case 'fr':
      return `+33 6 ${digits(random, 2)} ${digits(random, 2)} ${digits(random, 2)} ${digits(random, 2)}`;
  }
}

interface ProductSeed {
  name: string;
  code: string;
  model: string;
  kind: ProductKind;
  description: string;
}

const PRODUCTS: ProductSeed[] = [
  {
    name: 'Inkstone P200 Laser Printer',
    code: 'INK-P200',
    model: 'P200',
    kind: 'printer',
    description: 'Monochrome laser printer for small offices, 30 ppm, Wi-Fi and Ethernet.',
  },
  {
    name: 'Inkstone P500 Colour Multifunction',
    code: 'INK-P500',
    model: 'P500',
    kind: 'printer',
    description: 'Colour laser multifunction: print, scan to email and folder, fax.',
  },
  {
    name: 'Inkstone L10 Label Printer',
    code: 'INK-L10',
    model: 'L10',
    kind: 'printer',
    description: 'Thermal label printer for warehouses and shipping desks.',
  },
  {
    name: 'SkyLink R6 Wi-Fi 6 Router',
    code: 'SKY-R6',
    model: 'R6',
    kind: 'router',
    description: 'Dual-band Wi-Fi 6 router with VPN and VLAN support.',
  },
  {
    name: 'SkyLink M3 Mesh System',
    code: 'SKY-M3',
    model: 'M3',
    kind: 'router',
    description: 'Three-node mesh Wi-Fi for offices up to 600 m².',
  },
  {
    name: 'SkyLink S24 Managed Switch',
    code: 'SKY-S24',
    model: 'S24',
    kind: 'router',
    description: '24-port gigabit managed switch with PoE.',
  },
  {
    name: 'OfficeSuite Cloud — Standard plan',
    code: 'OSC-STD',
    model: 'OfficeSuite Standard',
    kind: 'software',
    description: 'Documents, mail and storage, billed monthly or yearly per seat.',
  },
  {
    name: 'OfficeSuite Cloud — Business plan',
    code: 'OSC-BIZ',
    model: 'OfficeSuite Business',
    kind: 'software',
    description: 'Standard plan plus single sign-on, archiving and priority support.',
  },
  {
    name: 'PrintFleet Manager',
    code: 'PFM',
    model: 'PrintFleet Manager',
    kind: 'software',
    description: 'Monitors printer fleets: toner levels, usage reports, alerts.',
  },
  {
    name: 'CarePlus 3-year extended warranty',
    code: 'CARE-3Y',
    model: 'CarePlus',
    kind: 'warranty',
    description: 'Extends the warranty of printers and routers to three years, next-business-day exchange.',
  },
  {
    name: 'Toner & ink subscription',
    code: 'SUB-TONER',
    model: 'toner subscription',
    kind: 'supplies',
    description: 'Cartridges shipped automatically when PrintFleet reports a low level.',
  },
];

export interface CreatedCustomers {
  contacts: DemoContact[];
  products: DemoProduct[];
  added: { organizations: number; contacts: number; products: number };
}

/**
 * Creates the customers and products; `ctx.actor` must be an administrator. `tick` moves the clock
 * a little between records, so they were not all created at the same instant.
 */
export async function createCustomers(
  ctx: Ctx,
  random: Random,
  team: DemoAgent[],
  tick: () => void,
): Promise<CreatedCustomers> {
  const added = { organizations: 0, contacts: 0, products: 0 };

  const products_: DemoProduct[] = [];
  for (const seed of PRODUCTS) {
    const [existing] = await ctx.db
      .select({ id: products.id })
      .from(products)
      .where(eq(products.name, seed.name));
    let id = existing?.id;
    if (!id) {
      id = (await createProduct(ctx, { name: seed.name, code: seed.code, description: seed.description })).id;
      added.products += 1;
    }
    products_.push({ id, name: seed.name, model: seed.model, kind: seed.kind });
  }

  const contacts: DemoContact[] = [];
  const usedEmails = new Set<string>();
  const addContact = async (
    language: Language,
    domain: string,
    organization: { id: string; tier: Tier } | null,
  ): Promise<void> => {
    let person = personName(random, language);
    let email = `${person.local}@${domain}`;
    for (let attempt = 0; usedEmails.has(email) && attempt < 20; attempt++) {
      person = personName(random, language);
      email = `${person.local}@${domain}`;
    }
    if (usedEmails.has(email)) return;
    usedEmails.add(email);
    tick();
    // Every draw happens whether or not the contact exists, so a second run finds the same people.
    const vip = organization?.tier === 'vip' ? random.chance(0.6) : random.chance(0.04);
    const phones = random.chance(0.8) ? [mobilePhone(random, language)] : [];
    const existing = await findContactByEmail(ctx.db, email);
    const contact =
      existing ??
      (await createContact(ctx, {
        name: person.name,
        emails: [email],
        phones,
        organizationId: organization?.id ?? null,
        language,
        vip,
      }));
    if (!existing) added.contacts += 1;
    contacts.push({
      id: contact.id,
      name: contact.name,
      greetingName: person.name === contact.name ? person.greetingName : contact.name,
      language,
      vip: contact.vip,
      organizationTier: organization?.tier ?? null,
    });
  };

  for (const seed of ORGANIZATIONS) {
    const [existing] = await ctx.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.name, seed.name));
    let id = existing?.id;
    tick();
    const managers = team.filter((a) => a.language === seed.language);
    const accountManager = seed.tier !== 'standard' && managers.length ? random.pick(managers) : null;
    if (!id) {
      const created = await createOrganization(ctx, {
        name: seed.name,
        tier: seed.tier,
        emailDomains: [seed.domain],
        accountManagerId: accountManager?.id ?? null,
        phone: seed.phone,
        website: `https://www.${seed.domain}`,
        ...(seed.notes ? { notes: seed.notes } : {}),
      });
      id = created.id;
      added.organizations += 1;
    }
    const people = seed.tier === 'vip' ? 5 : seed.tier === 'high_value' ? 4 : 3;
    for (let i = 0; i < people; i++) await addContact(seed.language, seed.domain, { id, tier: seed.tier });
  }
  for (const [language, domains] of Object.entries(FREEMAIL) as Array<[Language, string[]]>) {
    for (let i = 0; i < 2; i++) await addContact(language, random.pick(domains), null);
  }
  return { contacts, products: products_, added };
}
