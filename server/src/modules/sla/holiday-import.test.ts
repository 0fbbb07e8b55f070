import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { parseHolidayText } from './holiday-import.ts';

describe('reading a pasted holiday list', () => {
  it('takes dates separated by newlines, commas, semicolons and spaces', () => {
    expect(parseHolidayText('2026-01-01\n2026-05-01, 2026-05-08;2026-07-14\t2026-08-15 2026-11-01')).toEqual({
      dates: ['2026-01-01', '2026-05-01', '2026-05-08', '2026-07-14', '2026-08-15', '2026-11-01'],
      skipped: [],
    });
  });

  it('reads the first date of a labelled line and reports lines without a date by number', () => {
    expect(
      parseHolidayText(
        'Holidays 2026\r\n2026-12-25 Christmas Day (observed 2026-12-28)\r\n\r\n  \r\nEaster: TBD',
      ),
    ).toEqual({
      dates: ['2026-12-25'],
      skipped: [
        { line: 1, text: 'Holidays 2026' },
        { line: 5, text: 'Easter: TBD' },
      ],
    });
  });

  it('refuses dates that do not exist, naming every such line', () => {
    let error: unknown;
    try {
      parseHolidayText('2026-02-28\n2026-02-29\n2028-02-29\n2026-13-01 Nope', 'body/text');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).errors).toEqual([
      { field: 'body/text', message: 'line 2: 2026-02-29 is not a real date' },
      { field: 'body/text', message: 'line 4: 2026-13-01 is not a real date' },
    ]);
  });
});
