// Writes ticket and message texts from the corpus templates, and turns them into search vectors
// exactly as the app does (`to_tsvector('simple', searchDocument(...))`), only faster:
//
// - A text is written as pieces whose boundaries are token boundaries; the tokens of each
//   low-cardinality piece (a filled sentence) are computed once by the app's searchDocument and
//   cached, so composing a document costs a few map lookups instead of a full normalization.
// - PostgreSQL's 'simple' parser reads the normalized document as one lexeme per token, in order, so
//   the tsvector literal ('token':1,4 …) is written here and COPY loads it as it is.
//
// Both shortcuts are checked against the real thing before the load (verifySearchText in seed.ts)
// and on a sample of the loaded rows after it.
import { Converter } from 'opencc-js/cn2t';
import { searchDocument } from '../server/src/platform/text-search.ts';
import {
  type Lang,
  type LanguageCorpus,
  PRODUCT_BRANDS,
  PRODUCT_KINDS_EN,
  PRODUCT_MODELS,
  WRITTEN,
} from './corpus.ts';
import type { Rng } from './random.ts';

/** A run of text; `cached` when it comes from a small set of values (its tokens are cached). */
export interface Piece {
  text: string;
  cached: boolean;
}

type TemplatePart = string | { slot: string; high: boolean };
type Template = TemplatePart[];

interface CompiledCorpus {
  joiner: string;
  subjects: Template[];
  problems: Template[];
  context: Template[];
  requests: Template[];
  customer: Template[];
  replies: Template[];
  greetings: Template[];
  signoffs: Template[];
  notes: Template[];
  slots: Record<string, string[]>;
  productPattern: string;
  productKinds: string[];
}

function parseTemplate(text: string): Template {
  const parts: Template = [];
  for (const chunk of text.split(/(\{#?\w+\})/)) {
    if (!chunk) continue;
    const m = /^\{(#?)(\w+)\}$/.exec(chunk);
    parts.push(m ? { slot: m[2]!, high: m[1] === '#' } : chunk);
  }
  return parts;
}

function compile(c: LanguageCorpus, convert: (s: string) => string = (s) => s): CompiledCorpus {
  const list = (items: string[]) => items.map((t) => parseTemplate(convert(t)));
  return {
    joiner: c.joiner,
    subjects: list(c.subjects),
    problems: list(c.problems),
    context: list(c.context),
    requests: list(c.requests),
    customer: list(c.customer),
    replies: list(c.replies),
    greetings: list(c.greetings),
    signoffs: list(c.signoffs),
    notes: list(c.notes),
    slots: {
      feature: c.slots.feature.map(convert),
      browser: c.slots.browser.map(convert),
      plan: c.slots.plan.map(convert),
      city: c.slots.city.map(convert),
    },
    productPattern: c.productPattern,
    productKinds: c.productKinds.map(convert),
  };
}

/** Simplified → traditional (Taiwan, with phrases), for the zh-TW texts and names. */
export const toTraditional: (text: string) => string = Converter({ from: 'cn', to: 'twp' });

const CORPORA: Record<Lang, CompiledCorpus> = {
  en: compile(WRITTEN.en),
  'zh-CN': compile(WRITTEN['zh-CN']),
  'zh-TW': compile(WRITTEN['zh-CN'], toTraditional),
  ru: compile(WRITTEN.ru),
  fr: compile(WRITTEN.fr),
};

export interface ProductRef {
  brand: string;
  model: string;
  kind: number;
}

export function productName(p: ProductRef, lang: Lang = 'en'): string {
  const c = CORPORA[lang];
  const kind = lang === 'en' ? PRODUCT_KINDS_EN[p.kind]! : c.productKinds[p.kind]!;
  const name = c.productPattern
    .replace('{brand}', p.brand)
    .replace('{model}', p.model)
    .replace('{kind}', kind);
  return lang === 'en' ? name.replace(/\b\w/g, (ch) => ch.toUpperCase()) : name;
}

/** The 50 products: brand × model × kind combinations, spread so brands and kinds all appear. */
export function productCatalog(count: number): ProductRef[] {
  const out: ProductRef[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      brand: PRODUCT_BRANDS[i % PRODUCT_BRANDS.length]!,
      model: PRODUCT_MODELS[(i * 3 + Math.floor(i / PRODUCT_BRANDS.length)) % PRODUCT_MODELS.length]!,
      kind: (i * 7 + Math.floor(i / PRODUCT_BRANDS.length)) % PRODUCT_KINDS_EN.length,
    });
  }
  return out;
}

export interface TextContext {
  product: ProductRef;
  customerName: string;
  agentName: string;
}

function highValue(slot: string, rng: Rng): string {
  switch (slot) {
    case 'order':
      return `SO-${rng.digits(6)}`;
    case 'invoice':
      return `INV-${2024 + rng.int(3)}-${rng.digits(5)}`;
    case 'code':
      return `E${1000 + rng.int(120)}`;
    case 'tracking':
      return `1Z${rng.digits(4)}A${rng.digits(6)}`;
    case 'serial':
      return `SN${rng.digits(8)}`;
    default:
      throw new Error(`unknown slot {#${slot}}`);
  }
}

function lowValue(slot: string, rng: Rng, lang: Lang, ctx: TextContext): string {
  const c = CORPORA[lang];
  switch (slot) {
    case 'product':
      return productName(ctx.product, lang);
    case 'name':
      return ctx.customerName;
    case 'agent':
      return ctx.agentName;
    case 'days':
      return String(rng.between(2, 14));
    default: {
      const values = c.slots[slot];
      if (!values) throw new Error(`unknown slot {${slot}}`);
      return rng.pick(values);
    }
  }
}

function fill(template: Template, rng: Rng, lang: Lang, ctx: TextContext, out: Piece[]): void {
  let current = '';
  for (const part of template) {
    if (typeof part === 'string') {
      current += part;
    } else if (!part.high) {
      current += lowValue(part.slot, rng, lang, ctx);
    } else {
      if (current) out.push({ text: current, cached: true });
      current = '';
      out.push({ text: highValue(part.slot, rng), cached: false });
    }
  }
  if (current) out.push({ text: current, cached: true });
}

function sentences(
  templates: Template[],
  rng: Rng,
  lang: Lang,
  ctx: TextContext,
  joiner: string,
  out: Piece[],
): void {
  templates.forEach((t, i) => {
    if (i > 0 && joiner) out.push({ text: joiner, cached: true });
    fill(t, rng, lang, ctx, out);
  });
}

function distinct(list: Template[], n: number, rng: Rng): Template[] {
  const picked = new Set<Template>();
  while (picked.size < Math.min(n, list.length)) picked.add(rng.pick(list));
  return [...picked];
}

export function textOf(pieces: Piece[]): string {
  let s = '';
  for (const p of pieces) s += p.text;
  return s;
}

export function writeSubject(rng: Rng, lang: Lang, ctx: TextContext): Piece[] {
  const out: Piece[] = [];
  fill(rng.pick(CORPORA[lang].subjects), rng, lang, ctx, out);
  return out;
}

export function writeDescription(rng: Rng, lang: Lang, ctx: TextContext): Piece[] {
  const c = CORPORA[lang];
  const picked = [rng.pick(c.problems), ...distinct(c.context, rng.int(3), rng)];
  if (rng.chance(0.7)) picked.push(rng.pick(c.requests));
  const out: Piece[] = [];
  sentences(picked, rng, lang, ctx, c.joiner, out);
  return out;
}

const PARAGRAPH: Piece = { text: '\n\n', cached: true };

export function writeMessage(
  rng: Rng,
  lang: Lang,
  kind: 'reply' | 'note' | 'customer',
  ctx: TextContext,
): Piece[] {
  const c = CORPORA[lang];
  const out: Piece[] = [];
  if (kind === 'reply') {
    fill(rng.pick(c.greetings), rng, lang, ctx, out);
    out.push(PARAGRAPH);
    sentences(distinct(c.replies, 1 + rng.int(2), rng), rng, lang, ctx, c.joiner, out);
    out.push(PARAGRAPH);
    fill(rng.pick(c.signoffs), rng, lang, ctx, out);
  } else {
    sentences(
      distinct(kind === 'note' ? c.notes : c.customer, 1 + rng.int(2), rng),
      rng,
      lang,
      ctx,
      c.joiner,
      out,
    );
  }
  return out;
}

// Search text.

/** Tokens of a low-cardinality piece, computed once by the app's own searchDocument. */
const tokenCache = new Map<string, string[]>();
const MAX_CACHED_PIECES = 400_000;
/** searchDocument's per-document repeat cap (platform/text-search.ts, MAX_TOKEN_REPEATS). */
const MAX_TOKEN_REPEATS = 8;
/** Beyond this, documents go through searchDocument whole (its size budget may matter). */
const MAX_COMPOSED_CHARS = 4_000;

function split(doc: string): string[] {
  return doc === '' ? [] : doc.split(' ');
}

function tokensOf(piece: Piece): string[] {
  if (!piece.cached) return split(searchDocument(piece.text));
  let tokens = tokenCache.get(piece.text);
  if (tokens === undefined) {
    tokens = split(searchDocument(piece.text));
    if (tokenCache.size < MAX_CACHED_PIECES) tokenCache.set(piece.text, tokens);
  }
  return tokens;
}

let composeFromPieces = true;

/** Called when the pre-load check finds a difference: every document then goes through searchDocument. */
export function useExactSearchText(): void {
  composeFromPieces = false;
}

export function composingFromPieces(): boolean {
  return composeFromPieces;
}

/**
 * The tokens of searchDocument(...texts), texts given as pieces (or plain strings), in order.
 */
export function searchTokens(texts: Array<string | Piece[]>): string[] {
  const asPieces = texts.map((t) => (typeof t === 'string' ? [{ text: t, cached: false }] : t));
  const total = asPieces.reduce((n, ps) => n + ps.reduce((m, p) => m + p.text.length, 0), 0);
  if (!composeFromPieces || total > MAX_COMPOSED_CHARS) {
    return split(searchDocument(...asPieces.map(textOf)));
  }
  const out: string[] = [];
  const counts = new Map<string, number>();
  for (const pieces of asPieces) {
    for (const piece of pieces) {
      for (const token of tokensOf(piece)) {
        const seen = counts.get(token) ?? 0;
        if (seen >= MAX_TOKEN_REPEATS) continue;
        counts.set(token, seen + 1);
        out.push(token);
      }
    }
  }
  return out;
}

const NEEDS_QUOTING = /['\\]/;

/** The tsvector literal PostgreSQL's to_tsvector('simple', tokens.join(' ')) produces. */
export function tsvectorLiteral(tokens: string[]): string {
  if (tokens.length > 16_000) throw new Error('document too long for a composed tsvector');
  const positions = new Map<string, string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const seen = positions.get(token);
    positions.set(token, seen === undefined ? String(i + 1) : `${seen},${i + 1}`);
  }
  let out = '';
  for (const [token, pos] of positions) {
    const lexeme = NEEDS_QUOTING.test(token) ? token.replace(/\\/g, '\\\\').replace(/'/g, "''") : token;
    out += out ? ` '${lexeme}':${pos}` : `'${lexeme}':${pos}`;
  }
  return out;
}
