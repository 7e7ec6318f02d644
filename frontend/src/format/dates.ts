// Calendar dates travel as "YYYY-MM-DD" and mean a day, not an instant: they are
// parsed and compared as UTC midnights so no time zone can move them a day.

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC-midnight milliseconds for a "YYYY-MM-DD" string, or null if it is not a real date. */
export function parseCalendarDate(value: string): number | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms;
}

/** The calendar day the user is living in, as "YYYY-MM-DD" (local time). */
export function toCalendarDate(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Whole days from `today` (the user's local day) to `date`; negative when past. */
export function daysUntil(date: string, today: Date = new Date()): number | null {
  const due = parseCalendarDate(date);
  const now = parseCalendarDate(toCalendarDate(today));
  if (due === null || now === null) return null;
  return Math.round((due - now) / DAY_MS);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * A due date as people say it: "today", "tomorrow", "in 12 days",
 * "1 day overdue", "3 days overdue". Empty string for a missing or bad date.
 */
export function relativeDue(date: string | null | undefined, today: Date = new Date()): string {
  if (!date) return '';
  const days = daysUntil(date, today);
  if (days === null) return '';
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days > 1) return `in ${plural(days, 'day')}`;
  return `${plural(-days, 'day')} overdue`;
}

export type DueState = 'overdue' | 'today' | 'soon' | 'later';

/** How urgent a due date is; "soon" means within `soonDays` days. */
export function dueState(date: string, today: Date = new Date(), soonDays = 30): DueState | null {
  const days = daysUntil(date, today);
  if (days === null) return null;
  if (days < 0) return 'overdue';
  if (days === 0) return 'today';
  return days <= soonDays ? 'soon' : 'later';
}

/** A calendar date as the user's locale writes it (e.g. "26 Nov 2026" or "Nov 26, 2026"). */
export function formatCalendarDate(date: string | null | undefined, locale?: string): string {
  if (!date) return '';
  const ms = parseCalendarDate(date);
  if (ms === null) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}

/** An RFC 3339 timestamp in the user's locale and time zone. */
export function formatTimestamp(value: string | null | undefined, locale?: string): string {
  if (!value) return '';
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}
