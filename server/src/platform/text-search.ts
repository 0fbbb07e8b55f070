// Full-text search without dictionaries: texts and queries are normalized here, in JS, into plain
// tokens that PostgreSQL's 'simple' configuration indexes as they are (same on PGlite and
// PostgreSQL). Chinese has no spaces, so CJK runs become overlapping bigrams plus single characters;
// traditional Chinese is folded to simplified, Latin/Greek/Cyrillic accents are folded away.
//
// Store:  search_vector = to_tsvector('simple', ${searchDocument(subject, body)})
// Search: search_vector @@ to_tsquery('simple', ${searchQuery(q)})   (searchQuery → null: no results)
import { Converter } from 'opencc-js/t2cn';

/** Each text is read up to this many characters. */
export const MAX_TEXT_CHARS = 100_000;
/** Longer tokens (hashes, base64, …) are cut: a prefix query still finds them. */
const MAX_TOKEN_CHARS = 100;
/** Further repeats of a token add nothing for matching and little for ranking. */
const MAX_TOKEN_REPEATS = 8;
/**
 * PostgreSQL rejects a tsvector over 1 MB. A document stops growing once its estimated tsvector
 * size reaches this, so three of them (say subject, body and notes, concatenated with setweight)
 * still fit. In practice: about 30,000 CJK characters or far beyond MAX_TEXT_CHARS of Latin text.
 */
const TSVECTOR_BUDGET_BYTES = 320_000;
const MAX_QUERY_CHARS = 1_000;
const MAX_QUERY_TERMS = 32;
/** A compound (e-mail, URL, `TT-1001`) longer than this emits no more suffixes (see below). */
const MAX_COMPOUND_SUFFIXES = 12;

// Letters of scripts written without spaces between words (Han, kana, and hangul, which bigrams
// serve well enough). `v` flag: set subtraction/intersection.
const CJK = String.raw`[\p{L}&&[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]]`;
const WORD_START = String.raw`[[\p{L}\p{Nd}]--${CJK}]`;
const WORD_CHAR = String.raw`[[\p{L}\p{Nd}\p{M}]--${CJK}]`;
const WORD = `${WORD_START}${WORD_CHAR}*`;
// Characters that glue words into one findable compound: jean.dupont@example.fr, TT-1001, l'objet.
const CONNECTOR = String.raw`[\-.@_+'’\/:&#]`;
const TOKEN = new RegExp(`(${CJK}+)|(${WORD}(?:${CONNECTOR}${WORD})*)`, 'gv');
const CONNECTORS = new RegExp(CONNECTOR, 'gv');
const HAS_HAN = /\p{Script=Han}/u;
const ASCII_ONLY = /^\p{ASCII}*$/u;
const NON_ASCII_CHAR = /\P{ASCII}/gu;
const HAS_MARK = /\p{M}/u;
const MARKS_AFTER_LGC = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;
const LGC_WITH_MARKS = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]\p{M}+$/u;
const MARKS = /\p{M}/gu;

/** Letters NFD does not decompose, folded the way a user would type them without accents. */
const SPECIAL_FOLDS: Record<string, string> = {
  ß: 'ss',
  œ: 'oe',
  æ: 'ae',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ħ: 'h',
  ŧ: 't',
  ı: 'i',
  ς: 'σ',
};

let traditionalToSimplified: ((text: string) => string) | undefined;

/** Built on first use (about 20 ms): processes that never search do not pay for it. */
function toSimplified(text: string): string {
  const convert = traditionalToSimplified ?? Converter({ from: 'tw', to: 'cn' });
  traditionalToSimplified = convert;
  return convert(text);
}

const foldedChars = new Map<string, string>();

function foldChar(ch: string): string {
  let folded = foldedChars.get(ch);
  if (folded === undefined) {
    folded = SPECIAL_FOLDS[ch] ?? ch;
    // й is a letter of its own in Russian, not an accented и (ё, by contrast, folds to е).
    if (folded === ch && ch !== 'й') {
      const decomposed = ch.normalize('NFD');
      if (decomposed !== ch && LGC_WITH_MARKS.test(decomposed)) folded = decomposed.replace(MARKS, '');
    }
    foldedChars.set(ch, folded);
  }
  return folded;
}

function foldWord(word: string): string {
  if (ASCII_ONLY.test(word)) return word;
  let folded = word.replace(NON_ASCII_CHAR, foldChar);
  // Marks NFKC could not compose onto a Latin/Greek/Cyrillic letter.
  if (HAS_MARK.test(folded)) folded = folded.replace(MARKS_AFTER_LGC, '$1');
  return folded;
}

function cut(token: string): string {
  if (token.length <= MAX_TOKEN_CHARS) return token;
  const code = token.charCodeAt(MAX_TOKEN_CHARS - 1);
  // Never split a surrogate pair.
  return token.slice(0, code >= 0xd800 && code <= 0xdbff ? MAX_TOKEN_CHARS - 1 : MAX_TOKEN_CHARS);
}

function normalize(text: string, maxChars: number): string {
  let s = text.length > maxChars ? text.slice(0, maxChars) : text;
  s = s.normalize('NFKC');
  if (HAS_HAN.test(s)) s = toSimplified(s);
  return s.toLowerCase();
}

interface TokenVisitor {
  /** A word, or the parts of a compound (`tt-1001` → ['tt', '1001']), folded. Return false to stop. */
  word(parts: string[]): boolean;
  /** A run of CJK characters, one code point each. Return false to stop. */
  cjk(chars: string[]): boolean;
}

/** Returns false when the visitor stopped it. */
function scan(text: string, maxChars: number, visit: TokenVisitor): boolean {
  const s = normalize(text, maxChars);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(s); m !== null; m = TOKEN.exec(s)) {
    const goOn =
      m[1] !== undefined ? visit.cjk(Array.from(m[1])) : visit.word(m[0].split(CONNECTORS).map(foldWord));
    if (!goOn) return false;
  }
  return true;
}

function utf8Length(s: string): number {
  if (ASCII_ONLY.test(s)) return s.length;
  return Buffer.byteLength(s, 'utf8');
}

/**
 * The normalized token string to store with `to_tsvector('simple', $1)`. Texts are indexed in
 * order and share one size budget: pass the short, important ones (subject, names) first.
 */
export function searchDocument(...texts: Array<string | null | undefined>): string {
  const out: string[] = [];
  const counts = new Map<string, number>();
  let bytes = 0;
  // Returns false once the budget is spent. Estimates PostgreSQL's tsvector size: per distinct
  // lexeme a 4-byte entry, the lexeme, alignment, a position count; 2 bytes per position.
  const emit = (token: string): boolean => {
    const seen = counts.get(token);
    if (seen === undefined) {
      counts.set(token, 1);
      bytes += utf8Length(token) + 10;
    } else if (seen < MAX_TOKEN_REPEATS) {
      counts.set(token, seen + 1);
      bytes += 2;
    } else {
      return true;
    }
    out.push(token);
    return bytes < TSVECTOR_BUDGET_BYTES;
  };
  const visitor: TokenVisitor = {
    word(parts) {
      if (parts.length === 1) return emit(cut(parts[0]!));
      // The whole compound and its suffixes, joined without separators (the PostgreSQL parser
      // would split `tt-1001` its own way): a prefix query for any run of parts starting at a
      // part boundary then matches (`dupont@example` → dupontexample:* ⊂ dupontexamplefr).
      const suffixes = Math.min(parts.length - 1, MAX_COMPOUND_SUFFIXES);
      for (let i = 0; i < suffixes; i++) if (!emit(cut(parts.slice(i).join('')))) return false;
      for (const part of parts) if (!emit(cut(part))) return false;
      return true;
    },
    cjk(chars) {
      for (let i = 0; i < chars.length; i++) {
        if (!emit(chars[i]!)) return false;
        const next = chars[i + 1];
        if (next !== undefined && !emit(chars[i] + next)) return false;
      }
      return true;
    },
  };
  for (const text of texts) {
    if (text && !scan(text, MAX_TEXT_CHARS, visitor)) break;
  }
  return out.join(' ');
}

/** Tokens hold only letters, digits and marks, but quote them as tsquery wants regardless. */
function quote(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * A `to_tsquery('simple', $1)` string matching documents that contain every term of `q`, or null
 * when `q` has nothing searchable (the caller then returns no results, not everything). Words
 * match by prefix; CJK runs by their bigrams, ANDed rather than chained with `<->`: PostgreSQL
 * keeps only 256 positions per lexeme and none beyond 16,383, so phrases fail in long documents.
 */
export function searchQuery(q: string): string | null {
  const terms = new Set<string>();
  const add = (term: string): boolean => {
    terms.add(term);
    return terms.size < MAX_QUERY_TERMS;
  };
  scan(q, MAX_QUERY_CHARS, {
    word: (parts) => add(`${quote(cut(parts.join('')))}:*`),
    cjk: (chars) => {
      if (chars.length === 1) return add(quote(chars[0]!));
      for (let i = 0; i + 1 < chars.length; i++) if (!add(quote(chars[i]! + chars[i + 1]!))) return false;
      return true;
    },
  });
  return terms.size > 0 ? [...terms].join(' & ') : null;
}
