// One term per concept in every language: the glossary (web/src/locales/glossary.json) names the
// term and the synonyms that must not appear; every string of the console and the server's
// labels is checked against it, so "Assignee" in one list and "Owner" on the ticket cannot return.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PICKLISTS } from '../../server/src/modules/tickets/picklists.ts';
import { ERROR_TITLES, LANGUAGES, type Language } from '../../server/src/platform/i18n.ts';

const locales = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src/locales');

interface Entry {
  term: string;
  avoid: string[];
}
type Glossary = Record<string, Record<Language, Entry>>;

const glossary: Glossary = Object.fromEntries(
  Object.entries(
    JSON.parse(readFileSync(path.join(locales, 'glossary.json'), 'utf8')) as Record<string, unknown>,
  ).filter(([key]) => !key.startsWith('$')),
) as Glossary;

function leaves(value: unknown, at: string, out: Array<{ at: string; text: string }>): void {
  if (typeof value === 'string') out.push({ at, text: value });
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, at ? `${at}.${k}` : k, out);
}

/** Every user-facing string of one language: the console's namespaces and the server's labels. */
function stringsOf(lang: Language): Array<{ at: string; text: string }> {
  const out: Array<{ at: string; text: string }> = [];
  for (const file of readdirSync(path.join(locales, lang))) {
    leaves(JSON.parse(readFileSync(path.join(locales, lang, file), 'utf8')), `${lang}/${file}`, out);
  }
  for (const [key, titles] of Object.entries(ERROR_TITLES))
    out.push({ at: `server error ${key}`, text: titles[lang] });
  for (const [list, values] of Object.entries(DEFAULT_PICKLISTS))
    for (const v of values) out.push({ at: `server picklist ${list}.${v.key}`, text: v.labels[lang] });
  return out;
}

const hasLetters = (s: string) => /\p{L}/u.test(s) && !/\p{Script=Han}/u.test(s);

/** Whole-word match for alphabetic scripts (case-insensitive), substring match for Chinese. */
function mentions(text: string, word: string): boolean {
  if (!hasLetters(word)) return text.includes(word);
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

describe('the glossary', () => {
  it('names a term for every concept in all five languages', () => {
    for (const [concept, terms] of Object.entries(glossary))
      for (const lang of LANGUAGES) expect(terms[lang]?.term, `${concept} in ${lang}`).toBeTruthy();
  });

  for (const lang of LANGUAGES) {
    it(`is followed by every ${lang} string: no synonym of a glossary term appears`, () => {
      const strings = stringsOf(lang);
      const found: string[] = [];
      for (const [concept, terms] of Object.entries(glossary)) {
        for (const word of terms[lang].avoid)
          for (const s of strings)
            if (mentions(s.text, word))
              found.push(`${s.at}: “${s.text}” says “${word}” (${concept}: use “${terms[lang].term}”)`);
      }
      expect(found).toEqual([]);
    });

    it(`uses each ${lang} glossary term somewhere (the glossary describes the strings we have)`, () => {
      const text = stringsOf(lang)
        .map((s) => s.text)
        .join('\n');
      const unused = Object.entries(glossary)
        .filter(([, terms]) => {
          const term = terms[lang].term;
          // Russian and French inflect: the stem of the term is enough.
          const stem = hasLetters(term) && term.length > 5 ? term.slice(0, -2) : term;
          return !text.toLowerCase().includes(stem.toLowerCase());
        })
        .map(([concept]) => concept);
      expect(unused).toEqual([]);
    });
  }
});
