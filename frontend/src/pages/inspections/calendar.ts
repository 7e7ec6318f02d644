import { toCalendarDate } from '../../format/dates';

/** "YYYY-MM" of a date string or Date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(last).padStart(2, '0')}` };
}

/**
 * The weeks of a month grid, Monday first: each week is 7 "YYYY-MM-DD" days,
 * including the days of the neighbouring months that fill the first and last week.
 */
export function monthGrid(month: string): string[][] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1));
  const offset = (first.getUTCDay() + 6) % 7; // Monday = 0
  const start = Date.UTC(y, m - 1, 1 - offset);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const cells = Math.ceil((offset + lastDay) / 7) * 7;
  const weeks: string[][] = [];
  for (let i = 0; i < cells; i++) {
    const d = new Date(start + i * 86_400_000);
    const iso = d.toISOString().slice(0, 10);
    if (i % 7 === 0) weeks.push([]);
    weeks[weeks.length - 1]!.push(iso);
  }
  return weeks;
}

export function thisMonth(): string {
  return monthOf(toCalendarDate(new Date()));
}
