// Case-insensitive text matching that gives the same answer in memory and in PostgreSQL, whatever
// the database's locale. PostgreSQL's lower() follows the server's libc/locale (it folds nothing
// non-ASCII under the C locale, and differs from JavaScript on dozens of code points under
// C.UTF-8), so instead both sides use one table built here from JavaScript's Unicode data:
// in memory we compare folded strings; in SQL we expand the needle into a regular expression
// whose letters are bracket classes of every case variant (`Да` → `[дД][аА]`), which PostgreSQL
// matches code point by code point without consulting the locale.

/** code point → its fold, only where they differ. */
let foldTable: Map<number, number> | undefined;
/** folded code point → all code points folding to it (itself included), only for classes of two or more. */
let variantTable: Map<number, string> | undefined;

// Cased letters live in the BMP and plane 1 (Deseret, Osage, Adlam, …).
const LAST_CASED_PLANE_CODE_POINT = 0x1ffff;

function singleCodePoint(s: string): number | undefined {
  const cp = s.codePointAt(0);
  return cp !== undefined && String.fromCodePoint(cp).length === s.length ? cp : undefined;
}

function buildTables(): { fold: Map<number, number>; variants: Map<number, string> } {
  const fold = new Map<number, number>();
  for (let cp = 0; cp <= LAST_CASED_PLANE_CODE_POINT; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    // Per code point, so the context-dependent final sigma rule of toLowerCase never applies;
    // mappings that expand (İ → i̇) are left out: the character then only matches itself.
    const lower = singleCodePoint(ch.toLowerCase());
    if (lower !== undefined && lower !== cp) fold.set(cp, lower);
  }
  fold.set(0x3c2, 0x3c3); // final sigma ς matches σ/Σ, as in Unicode case folding
  const groups = new Map<number, number[]>();
  for (const [cp, folded] of fold) {
    const group = groups.get(folded) ?? [folded];
    group.push(cp);
    groups.set(folded, group);
  }
  const variants = new Map<number, string>();
  for (const [folded, members] of groups)
    variants.set(folded, String.fromCodePoint(...members.sort((a, b) => a - b)));
  return { fold, variants };
}

function tables(): { fold: Map<number, number>; variants: Map<number, string> } {
  if (!foldTable || !variantTable) {
    const built = buildTables();
    foldTable = built.fold;
    variantTable = built.variants;
  }
  return { fold: foldTable, variants: variantTable };
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Folds a string code point by code point; equal folds mean equal ignoring case. */
export function foldCase(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  const { fold } = tables();
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const folded = fold.get(cp);
    out += folded === undefined ? ch : String.fromCodePoint(folded);
  }
  return out;
}

// ASCII punctuation is escaped with a backslash, which PostgreSQL's AREs read as the literal
// character; a backslash before a letter or digit would be an escape (\d, \x…), so never that.
const REGEX_PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * A PostgreSQL ARE matching `needle` case-insensitively (by `foldCase`), without anchors.
 * Every character is literal: user text never acts as a pattern.
 */
export function caseInsensitivePattern(needle: string): string {
  const { fold, variants } = tables();
  let out = '';
  for (const ch of needle) {
    const cp = ch.codePointAt(0) ?? 0;
    const folded = fold.get(cp) ?? cp;
    const members = variants.get(folded);
    if (members) out += `[${members}]`;
    else out += REGEX_PUNCTUATION.test(ch) ? `\\${ch}` : ch;
  }
  return out;
}
