// The words around a match, to show why a result was found. The index works on normalized tokens
// (see platform/text-search.ts); here the typed words are looked for in the text as it is written,
// ignoring case and accents, and the text around the first one found is kept.

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** The words of a query as typed (at least one letter or digit each). */
export function queryWords(q: string): string[] {
  return q
    .split(/[\s,;]+/u)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length > 0)
    .slice(0, 16);
}

/**
 * About `width` characters of `text` around the first of `words` it contains (with "…" where cut), or
 * null when none is in it. Folding keeps the length of most letters, so positions carry over.
 */
export function snippetOf(text: string, words: string[], width = 160): string | null {
  const flat = text.replace(/\s+/g, ' ').trim();
  const folded = fold(flat);
  if (folded.length !== flat.length) return null;
  let at = -1;
  for (const w of words) {
    const i = folded.indexOf(fold(w));
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) return null;
  let start = Math.max(0, at - Math.floor(width / 3));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    if (space >= 0 && space < at) start = space + 1;
  }
  let end = Math.min(flat.length, start + width);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > at) end = space;
  }
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
