// i18next set-up: five languages, each loaded on demand as its own chunk.
import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'zh-CN', name: '简体中文' },
  { code: 'zh-TW', name: '繁體中文' },
  { code: 'ru', name: 'Русский' },
  { code: 'fr', name: 'Français' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

/** Each feature keeps its strings in its own namespace file: locales/<language>/<namespace>.json. */
const files = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json');

const backend: BackendModule = {
  type: 'backend',
  init: () => {},
  read: (language, namespace, callback) => {
    const load =
      files[`../locales/${language}/${namespace}.json`] ?? files[`../locales/en/${namespace}.json`];
    if (!load) {
      callback(null, {});
      return;
    }
    load().then(
      (m) => callback(null, m.default),
      (err: unknown) => callback(err as Error, null),
    );
  },
};

export function browserLanguage(): LanguageCode {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const t = tag.toLowerCase();
    if (t === 'zh-tw' || t === 'zh-hk' || t.startsWith('zh-hant')) return 'zh-TW';
    if (t.startsWith('zh')) return 'zh-CN';
    if (t.startsWith('ru')) return 'ru';
    if (t.startsWith('fr')) return 'fr';
    if (t.startsWith('en')) return 'en';
  }
  return 'en';
}

export async function initI18n(): Promise<typeof i18n> {
  await i18n
    .use(backend)
    .use(initReactI18next)
    .init({
      lng: localStorage.getItem('caseway.language') ?? browserLanguage(),
      fallbackLng: 'en',
      supportedLngs: LANGUAGES.map((l) => l.code),
      interpolation: { escapeValue: false },
      // The ticket list is the first screen (with its SLA badges and the header's notifications):
      // their strings load with the common ones, not after; so do the account menu's and search's.
      // ruleTemplates: shipped rules' names, in timelines and notifications (a few lines).
      ns: ['common', 'ticketsList', 'sla', 'notifications', 'account', 'search', 'ruleTemplates'],
      defaultNS: 'common',
      fallbackNS: 'common',
      returnNull: false,
    });
  document.documentElement.lang = i18n.language;
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    localStorage.setItem('caseway.language', lng);
  });
  return i18n;
}

export { i18n };
