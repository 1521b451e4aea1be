// Finnish, Swedish and English interface text. The language the user
// chooses is kept in localStorage and set as <html lang>; before any
// choice the app starts in the first of the browser's languages
// (navigator.languages) that is Finnish, Swedish or English, and in
// Finnish when none is. The API is asked for the same language
// (Accept-Language, api.ts). Every dictionary has every key of
// messages/en.ts: the types of fi.ts and sv.ts require it, so the build
// (and make check-web) fails when a key is missing.

import { en } from "./messages/en";
import { fi } from "./messages/fi";
import { sv } from "./messages/sv";

export type MessageKey = keyof typeof en;
export type Lang = "fi" | "sv" | "en";
export const LANGS: Lang[] = ["fi", "sv", "en"];

const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, fi, sv };
const KEY = "tulkki.lang";
const listeners = new Set<() => void>();

function initial(): Lang {
  const stored = localStorage.getItem(KEY);
  if (stored === "fi" || stored === "sv" || stored === "en") return stored;
  const browser = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of browser) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "fi" || base === "sv" || base === "en") return base;
  }
  return "fi";
}

let lang: Lang = initial();

export function currentLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem(KEY, next);
  document.documentElement.lang = next;
  for (const fn of listeners) fn();
}

export function onLangChange(fn: () => void): void {
  listeners.add(fn);
}

/** The text for key in the current language, with {name} placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = dictionaries[lang][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The locale numbers and dates are written in. */
export function locale(): string {
  return lang === "fi" ? "fi-FI" : lang === "sv" ? "sv-FI" : "en-GB";
}

export function fmtNumber(n: number, digits = 2): string {
  return n.toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A YYYY-MM-DD date as the reader expects it. */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(locale(), { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" });
}

document.documentElement.lang = lang;
