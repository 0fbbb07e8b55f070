import { describe, expect, it } from 'vitest';
import { queryWords, snippetOf } from './snippet.ts';

describe('search snippets', () => {
  it('keeps the words around the first match, ignoring case and accents', () => {
    const text = `${'Intro words here. '.repeat(20)}The Imprimante refuses to start after the update. ${'Tail. '.repeat(40)}`;
    const s = snippetOf(text, queryWords('imprimante'))!;
    expect(s).toContain('The Imprimante refuses to start');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(snippetOf('Élodie a écrit', queryWords('ecrit'))).toBe('Élodie a écrit');
    expect(snippetOf('打印机无法开机', queryWords('开机'))).toBe('打印机无法开机');
    expect(snippetOf('nothing here', queryWords('printer'))).toBeNull();
  });
});
