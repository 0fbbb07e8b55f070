// Reading a pasted list of holidays: dates separated by newlines, commas, semicolons or spaces, and
// lines like "2026-12-25 Christmas" whose text after the date is a label. Pure, no I/O.
import { AppError, type FieldError } from '../../platform/errors.ts';
import { parseInstant } from './clock/index.ts';

export interface HolidayList {
  /** Every date found, in the order given (duplicates kept; the caller merges). */
  dates: string[];
  /** Non-blank lines without any date, numbered from 1. */
  skipped: { line: number; text: string }[];
}

const DATE_TOKEN = /(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])/g;
const MAX_ERRORS = 50;

const isRealDate = (date: string): boolean => parseInstant(`${date}T00:00:00Z`) !== null;

/**
 * Per line, each part between commas or semicolons gives its dates: all of them when it holds
 * nothing else (a space-separated list), else the first one (the rest is a label). A date that
 * does not exist (2026-02-30) is an error naming `path` and the line.
 */
export function parseHolidayText(text: string, path = 'body/text'): HolidayList {
  const dates: string[] = [];
  const skipped: HolidayList['skipped'] = [];
  const errors: FieldError[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let found = 0;
    for (const part of line.split(/[,;]/)) {
      const tokens = part.match(DATE_TOKEN) ?? [];
      if (tokens.length === 0) continue;
      const label = part.replace(DATE_TOKEN, '').trim();
      for (const date of label === '' ? tokens : tokens.slice(0, 1)) {
        found += 1;
        if (isRealDate(date)) dates.push(date);
        else if (errors.length < MAX_ERRORS)
          errors.push({ field: path, message: `line ${i + 1}: ${date} is not a real date` });
      }
    }
    if (found === 0) skipped.push({ line: i + 1, text: line.trim().slice(0, 200) });
  });
  if (errors.length)
    throw new AppError('validation', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  return { dates, skipped };
}
