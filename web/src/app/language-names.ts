// Names of languages in the agent's interface language ("anglais", "英语"), from Intl.DisplayNames.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from './i18n.ts';

/** Region-tagged Chinese codes name the script, which is what the choice is about. */
const SCRIPT_OF: Record<string, string> = { 'zh-CN': 'zh-Hans', 'zh-TW': 'zh-Hant' };

export function languageNamer(uiLanguage: string): (code: string | null | undefined) => string {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([uiLanguage], { type: 'language' });
  } catch {
    names = null;
  }
  return (code) => {
    if (!code) return '';
    let name: string | undefined;
    try {
      name = names?.of(SCRIPT_OF[code] ?? code);
    } catch {
      name = undefined;
    }
    if (!name) return code;
    // Shown on its own, as a value: a capital, as in "Anglais" or "Английский".
    return name.charAt(0).toLocaleUpperCase(uiLanguage) + name.slice(1);
  };
}

/** `name(code)` in the interface language, and the options of a language picker for contacts. */
export function useLanguageNames() {
  const { i18n } = useTranslation();
  const ui = i18n.language;
  return useMemo(() => {
    const name = languageNamer(ui);
    return { name, options: LANGUAGES.map((l) => ({ value: l.code, label: name(l.code) })) };
  }, [ui]);
}
