import { describe, expect, it } from 'vitest';
import { caseInsensitivePattern, foldCase } from './case-fold.ts';

describe('foldCase', () => {
  it('folds Russian, French and Greek letters as toLowerCase does', () => {
    const text = 'ГАРАНТИЯ Ёжик ÉLÈVE À L’ÉCOLE ÇA ΟΔΟΣ';
    expect(foldCase(text)).toBe(text.toLowerCase().replace('ς', 'σ'));
  });

  it('leaves Chinese and letters whose lowercase is longer alone', () => {
    expect(foldCase('保修 İ')).toBe('保修 İ');
  });
});

describe('caseInsensitivePattern', () => {
  it('turns each letter into the class of its case variants and escapes punctuation', () => {
    expect(caseInsensitivePattern('Да.')).toBe('[Дд][Аа]\\.');
    expect(caseInsensitivePattern('k*')).toBe('[Kk\u212a]\\*');
    expect(caseInsensitivePattern('保 1')).toBe('保 1');
  });

  it('puts only letters inside the classes, so no class needs escaping', () => {
    const pattern = caseInsensitivePattern(
      'abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюяàâçéèêëîïôùûüÿœæσ',
    );
    const classes = pattern.match(/\[[^\]]*\]/g) ?? [];
    expect(classes.length).toBeGreaterThan(60);
    for (const c of classes) expect(c.slice(1, -1)).toMatch(/^\p{L}+$/u);
  });
});
