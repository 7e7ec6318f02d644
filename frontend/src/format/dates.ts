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

const ISO_IN_TEXT = /\b(\d{4}-\d{2}-\d{2})\b/g;

/** A server message with its "YYYY-MM-DD" dates written as every screen writes them. */
export function formatDatesInText(text: string, locale?: string): string {
  return text.replace(ISO_IN_TEXT, (iso) => (parseCalendarDate(iso) === null ? iso : formatCalendarDate(iso, locale)));
}

/** An example of the one date format, for a field's hint: "e.g. 31 Mar 2027". */
export function dateFormatExample(locale?: string): string {
  return formatCalendarDate('2027-03-31', locale);
}

function isoOf(y: number, m: number, d: number): string | null {
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return parseCalendarDate(iso) === null ? null : iso;
}

/** The month (1-12) a word names in the locale or in English ("Mar", "march", "mars"), or null. */
function monthOf(word: string, locale?: string): number | null {
  const w = word.toLocaleLowerCase(locale).replace(/\.$/, '');
  if (w.length < 3) return null;
  for (const loc of [locale, 'en']) {
    for (const style of ['short', 'long'] as const) {
      const fmt = new Intl.DateTimeFormat(loc, { month: style, timeZone: 'UTC' });
      for (let m = 1; m <= 12; m++) {
        const name = fmt.format(Date.UTC(2026, m - 1, 15)).toLocaleLowerCase(locale).replace(/\.$/, '');
        if (name === w || (w.length >= 3 && name.startsWith(w))) return m;
      }
    }
  }
  return null;
}

/** The order the locale writes a numeric date in, e.g. ['day', 'month', 'year'] for en-GB. */
function numericOrder(locale?: string): ('day' | 'month' | 'year')[] {
  const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).formatToParts(Date.UTC(2027, 2, 31));
  return parts.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type as 'day' | 'month' | 'year');
}

/**
 * A date as a person types it, as "YYYY-MM-DD": the one format the screens
 * show ("31 Mar 2027", "Mar 31, 2027"), any spelling with a month name, ISO
 * ("2027-03-31"), or all digits in the locale's order ("31/03/2027" in
 * en-GB). Empty text is ''; anything else, or a day that does not exist, null.
 */
export function parseTypedDate(text: string, locale?: string): string | null {
  const t = text.trim();
  if (t === '') return '';
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(t)) {
    const [y, m, d] = t.split('-').map(Number) as [number, number, number];
    return isoOf(y, m, d);
  }
  const tokens = t.split(/[\s,./-]+/).filter(Boolean);
  if (tokens.length !== 3) return null;
  const words = tokens.filter((x) => !/^\d+$/.test(x));
  if (words.length === 1) {
    const month = monthOf(words[0]!, locale);
    const numbers = tokens.filter((x) => /^\d+$/.test(x));
    if (month === null || numbers.length !== 2) return null;
    const year = numbers.find((n) => n.length === 4);
    const day = numbers.find((n) => n.length <= 2);
    if (!year || !day) return null;
    return isoOf(Number(year), month, Number(day));
  }
  if (words.length !== 0) return null;
  if (tokens[0]!.length === 4) return isoOf(Number(tokens[0]), Number(tokens[1]), Number(tokens[2]));
  const order = numericOrder(locale);
  if (order.length !== 3) return null;
  const value: Record<string, number> = {};
  for (let i = 0; i < 3; i++) {
    const kind = order[i]!;
    const tok = tokens[i]!;
    if (kind === 'year' ? tok.length !== 4 : tok.length > 2) return null;
    value[kind] = Number(tok);
  }
  return isoOf(value.year!, value.month!, value.day!);
}
