// A rule's name as the reader should see it: a rule Caseway shipped (while not renamed) in the
// reader's language, any other as its author wrote it (`ruleTemplates` loads with the app).
import type { TFunction } from 'i18next';

export function shownRuleName(t: TFunction, name: unknown, shippedKey: unknown): string {
  const written = typeof name === 'string' ? name : '';
  if (typeof shippedKey !== 'string' || !shippedKey) return written;
  return t(`${shippedKey}.name`, { ns: 'ruleTemplates', defaultValue: written });
}
