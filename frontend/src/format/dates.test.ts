import { describe, expect, it } from 'vitest';
import { daysUntil, dueState, formatCalendarDate, formatDatesInText, parseCalendarDate, parseTypedDate, relativeDue, toCalendarDate } from './dates';

// Local noon, so the test means the same calendar day in every time zone it runs in.
const today = new Date(2026, 10, 26, 12, 0, 0); // 26 Nov 2026

describe('relativeDue', () => {
  it.each([
    ['2026-11-26', 'today'],
    ['2026-11-27', 'tomorrow'],
    ['2026-12-08', 'in 12 days'],
    ['2027-11-26', 'in 365 days'],
    ['2026-11-25', '1 day overdue'],
    ['2026-11-23', '3 days overdue'],
    ['2025-11-26', '365 days overdue'],
  ])('%s is %s', (date, expected) => {
    expect(relativeDue(date, today)).toBe(expected);
  });

  it('counts calendar days, not 24-hour periods', () => {
    const lateEvening = new Date(2026, 10, 26, 23, 59, 0);
    const earlyMorning = new Date(2026, 10, 26, 0, 1, 0);
    expect(relativeDue('2026-11-27', lateEvening)).toBe('tomorrow');
    expect(relativeDue('2026-11-26', earlyMorning)).toBe('today');
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(relativeDue('2027-01-01', new Date(2026, 11, 31, 12))).toBe('tomorrow');
    expect(relativeDue('2028-03-01', new Date(2028, 1, 28, 12))).toBe('in 2 days'); // 2028-02-29 exists
  });

  it('says nothing for a missing or invalid date', () => {
    expect(relativeDue(null, today)).toBe('');
    expect(relativeDue(undefined, today)).toBe('');
    expect(relativeDue('', today)).toBe('');
    expect(relativeDue('2026-02-30', today)).toBe('');
    expect(relativeDue('26/11/2026', today)).toBe('');
  });
});

describe('dueState', () => {
  it('grades urgency', () => {
    expect(dueState('2026-11-20', today)).toBe('overdue');
    expect(dueState('2026-11-26', today)).toBe('today');
    expect(dueState('2026-12-26', today)).toBe('soon');
    expect(dueState('2026-12-27', today)).toBe('later');
    expect(dueState('2026-12-27', today, 60)).toBe('soon');
    expect(dueState('nope', today)).toBeNull();
  });
});

describe('calendar dates', () => {
  it('rejects impossible dates', () => {
    expect(parseCalendarDate('2026-02-29')).toBeNull();
    expect(parseCalendarDate('2028-02-29')).not.toBeNull();
    expect(parseCalendarDate('2026-13-01')).toBeNull();
    expect(parseCalendarDate('2026-1-1')).toBeNull();
  });

  it('writes the local calendar day as YYYY-MM-DD', () => {
    expect(toCalendarDate(new Date(2026, 0, 5, 0, 30))).toBe('2026-01-05');
    expect(toCalendarDate(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
  });

  it('counts days', () => {
    expect(daysUntil('2026-12-08', today)).toBe(12);
    expect(daysUntil('2026-11-23', today)).toBe(-3);
  });

  it('formats a date without shifting it by the time zone', () => {
    expect(formatCalendarDate('2026-01-01', 'en-GB')).toBe('1 Jan 2026');
    expect(formatCalendarDate('2026-12-31', 'en-US')).toBe('Dec 31, 2026');
    expect(formatCalendarDate('garbage', 'en-GB')).toBe('garbage');
    expect(formatCalendarDate(null)).toBe('');
  });
});

describe('parseTypedDate', () => {
  it.each([
    ['', ''],
    ['  ', ''],
    ['2027-03-31', '2027-03-31'],
    ['2027-3-1', '2027-03-01'],
    ['2027/03/31', '2027-03-31'],
    ['31 Mar 2027', '2027-03-31'],
    ['31 march 2027', '2027-03-31'],
    ['Mar 31, 2027', '2027-03-31'],
    ['1 Sept 2027', '2027-09-01'],
    ['31/03/2027', '2027-03-31'],
    ['31.3.2027', '2027-03-31'],
  ])('reads %j in en-GB as %j', (typed, iso) => {
    expect(parseTypedDate(typed, 'en-GB')).toBe(iso);
  });

  it('reads all-digit dates in the locale order', () => {
    expect(parseTypedDate('03/31/2027', 'en-US')).toBe('2027-03-31');
    expect(parseTypedDate('03/31/2027', 'en-GB')).toBeNull();
  });

  it.each(['31 Feb 2027', '2027-02-30', 'Germany', '31 Mar', '12/03/27', '31 Mar 2027 extra', 'Ma 3 2027'])('refuses %j', (typed) => {
    expect(parseTypedDate(typed, 'en-GB')).toBeNull();
  });

  it('reads back what formatCalendarDate writes, in any locale', () => {
    for (const locale of ['en-GB', 'en-US', 'de-DE', 'fr-FR']) {
      expect(parseTypedDate(formatCalendarDate('2027-09-05', locale), locale)).toBe('2027-09-05');
    }
  });
});

describe('formatDatesInText', () => {
  it('writes the dates of a message in the one format, and leaves the rest', () => {
    expect(formatDatesInText('ISO 9001 expired on 2026-01-31 (see 2026-02-30).', 'en-GB')).toBe('ISO 9001 expired on 31 Jan 2026 (see 2026-02-30).');
  });
});
