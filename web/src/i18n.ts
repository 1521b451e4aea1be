// Finnish and English interface text. The language is kept in localStorage
// and set as <html lang>; Finnish is the default unless the browser prefers
// English.

import { en } from "./messages/en";
import { fi } from "./messages/fi";

export type MessageKey = keyof typeof en;
export type Lang = "fi" | "en";
export const LANGS: Lang[] = ["fi", "en"];

const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, fi };
const KEY = "tulkki.lang";
const listeners = new Set<() => void>();

function initial(): Lang {
  const stored = localStorage.getItem(KEY);
  if (stored === "fi" || stored === "en") return stored;
  return navigator.language.toLowerCase().startsWith("en") ? "en" : "fi";
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

export function fmtNumber(n: number, digits = 2): string {
  return n.toLocaleString(lang === "fi" ? "fi-FI" : "en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A YYYY-MM-DD date as the reader expects it. */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(lang === "fi" ? "fi-FI" : "en-GB", { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" });
}

document.documentElement.lang = lang;
