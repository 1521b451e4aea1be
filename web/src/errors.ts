// Turns a failure into a clear, translated message by its extensions.code.

import { ApiError } from "./api";
import { h } from "./dom";
import { t, type MessageKey } from "./i18n";

const KNOWN = new Set(["FORBIDDEN", "UNAUTHENTICATED", "BAD_USER_INPUT", "NOT_FOUND", "CONFLICT", "UNAVAILABLE", "NETWORK", "GRAPHQL_VALIDATION_FAILED"]);

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const key = (KNOWN.has(err.code) ? `error.${err.code}` : "error.other") as MessageKey;
    return t(key, { field: err.field ?? "", detail: err.message });
  }
  return t("error.other", { detail: err instanceof Error ? err.message : String(err) });
}

/** An alert box for a failure: the clear message, then the server's own words. */
export function errorBox(err: unknown): HTMLElement {
  const code = err instanceof ApiError ? err.code : "ERROR";
  return h(
    "div",
    { class: "alert error", role: "alert", dataset: { code } },
    h("strong", {}, errorMessage(err)),
    err instanceof ApiError && err.message ? h("p", { class: "detail" }, t("error.detail"), " ", err.message) : null,
  );
}

export function successBox(text: string): HTMLElement {
  return h("div", { class: "alert success", role: "status" }, text);
}
