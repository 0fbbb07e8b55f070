// Cc and Bcc of a public reply: email addresses, checked one by one, duplicates dropped.
import { invalid } from '../../platform/errors.ts';

const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
export const MAX_RECIPIENTS = 50;

/** Normalized list; a problem names the field and the position (`cc/2`). */
export function checkRecipients(field: 'cc' | 'bcc', list: string[] | undefined): string[] {
  if (!list?.length) return [];
  if (list.length > MAX_RECIPIENTS) throw invalid(field, `at most ${MAX_RECIPIENTS} addresses`);
  const out: string[] = [];
  for (const [i, raw] of list.entries()) {
    const address = raw.trim();
    if (address.length > 254 || !EMAIL.test(address))
      throw invalid(`${field}/${i}`, 'is not an email address');
    if (!out.some((a) => a.toLowerCase() === address.toLowerCase())) out.push(address);
  }
  return out;
}
