/**
 * Language: Swedish by default at `/…`, English under `/en/…` (hooks.ts reroutes `/en/…` to the
 * same routes). Components read the translator from context (setI18n in the root layout).
 */
import { getContext, setContext } from 'svelte';
import { sv, type MessageKey } from './sv.js';
import { en } from './en.js';

export type Lang = 'sv' | 'en';
export const LANGS: readonly Lang[] = ['sv', 'en'];
const dictionaries = { sv, en } as const;

export function langFromPath(pathname: string): Lang {
  return pathname === '/en' || pathname.startsWith('/en/') ? 'en' : 'sv';
}

/** The path without its language prefix: `/en/organisation/x` → `/organisation/x`. */
export function stripLang(pathname: string): string {
  if (pathname === '/en') return '/';
  return pathname.startsWith('/en/') ? pathname.slice(3) : pathname;
}

/** A path in a language: `localizePath('/organisation/x', 'en')` → `/en/organisation/x`. */
export function localizePath(path: string, lang: Lang): string {
  if (lang === 'sv') return path;
  return path === '/' ? '/en' : path.startsWith('/?') ? `/en${path.slice(1)}` : `/en${path}`;
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const dict = dictionaries[lang];
  return (key, params) => {
    let text: string = dict[key] ?? sv[key] ?? key;
    if (params) for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
}

export interface I18n {
  readonly lang: Lang;
  readonly t: Translate;
  /** A path in the current language. */
  readonly path: (p: string) => string;
  readonly locale: string;
}

export function createI18n(lang: Lang): I18n {
  return { lang, t: translator(lang), path: (p) => localizePath(p, lang), locale: lang === 'sv' ? 'sv-SE' : 'en-GB' };
}

const KEY = Symbol('i18n');

/** The root layout passes a getter so components follow a language switch without remounting. */
export function setI18n(get: () => I18n): void {
  setContext(KEY, get);
}

export function getI18n(): I18n {
  const get = getContext<() => I18n>(KEY);
  return {
    get lang() {
      return get().lang;
    },
    get t() {
      return get().t;
    },
    get path() {
      return get().path;
    },
    get locale() {
      return get().locale;
    },
  };
}

export function formatDate(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang === 'sv' ? 'sv-SE' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Europe/Stockholm' });
}

export function formatNumber(n: number, lang: Lang, digits = 0): string {
  return n.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function isMessageKey(key: string): key is MessageKey {
  return key in sv;
}

/** An API code (a kind, a role) by its name in the dictionary (`prefix.CODE`), or as it is when the app has no name for it. */
export function codeName(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

/** A month and year, e.g. "december 2026" / "December 2026". */
export function formatMonthYear(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang === 'sv' ? 'sv-SE' : 'en-GB', { year: 'numeric', month: 'long', timeZone: 'Europe/Stockholm' });
}

/**
 * A counted phrase by the language's plural rules (Intl.PluralRules): `${base}.zero` for 0 when the
 * dictionary has it, else `${base}.${category}` (one, other …), the number through Intl.NumberFormat.
 */
export function plural(t: Translate, lang: Lang, base: string, n: number): string {
  const locale = lang === 'sv' ? 'sv-SE' : 'en-GB';
  const params = { n: new Intl.NumberFormat(locale).format(n) };
  if (n === 0 && isMessageKey(`${base}.zero`)) return t(`${base}.zero` as MessageKey, params);
  const category = new Intl.PluralRules(locale).select(n);
  const key = `${base}.${category}`;
  return t((isMessageKey(key) ? key : `${base}.other`) as MessageKey, params);
}
