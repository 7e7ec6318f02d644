import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

/**
 * The languages of the supplier-facing screens. The language is the one
 * chosen on this device, else the browser's first supported one, else
 * English; dates and numbers follow it (Intl with i18n.language).
 */
export const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'zh-CN', label: '简体中文' },
] as const;

export type Language = (typeof LANGUAGES)[number]['value'];

const STORAGE_KEY = 'qualtrack.language';

/** The language to start with: the one chosen here, then the browser's. */
export function initialLanguage(chosen: string | null, browser: readonly string[]): Language {
  if (chosen === 'en' || chosen === 'zh-CN') return chosen;
  for (const tag of browser) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function stored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: initialLanguage(typeof window === 'undefined' ? null : stored(), typeof navigator === 'undefined' ? [] : navigator.languages),
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

/** A language the user chose on the server, when it is one shipped here. */
export function chosenLanguage(lang: string | null | undefined): Language | null {
  return lang === 'en' || lang === 'zh-CN' ? lang : null;
}

/** Switches the language and remembers the choice on this device. */
export function chooseLanguage(lang: Language) {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** A calendar date (YYYY-MM-DD) as the language writes it. */
export function formatDay(date: string | null | undefined, lang: string): string {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

export default i18n;

/** How far a due date is from today, as the language says it ("in 12 days", "3 days ago"). */
export function formatDueIn(date: string | null | undefined, lang: string, today: Date = new Date()): string {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  const due = Date.UTC(y!, m! - 1, d!);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const days = Math.round((due - now) / 86_400_000);
  return new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(days, 'day');
}
