// A translator's score breakdown as a small horizontal bar chart: one bar
// per component, its length the component's value (0–1), labelled with
// the weight and the contribution to the score. Plain HTML, so screen
// readers read it as a list.

import { h } from "../dom";
import { fmtNumber, t, type MessageKey } from "../i18n";

export interface ScoreComponent {
  name: string;
  weight: number;
  value: number;
  contribution: number;
  description: string;
}

export function componentName(name: string): string {
  const key = `score.${name}` as MessageKey;
  const label = t(key);
  return label === key ? name : label;
}

export interface ScoreBarsOptions {
  /** "sum" (default): the score adds the contributions; "product": it multiplies the values. */
  combine?: "sum" | "product";
  label?: string;
}

export function scoreBars(components: ScoreComponent[], opts: ScoreBarsOptions = {}): HTMLElement {
  const product = opts.combine === "product";
  return h(
    "ul",
    { class: "score-bars", "aria-label": opts.label ?? t("translators.breakdown") },
    components.map((c) => {
      const pct = Math.max(0, Math.min(1, c.value)) * 100;
      return h(
        "li",
        { title: c.description },
        h("span", { class: "bar-label" }, componentName(c.name), product ? null : h("small", {}, ` ×${fmtNumber(c.weight, 2)}`)),
        h("span", { class: "bar-track", "aria-hidden": "true" }, h("span", { class: "bar-fill", style: { width: `${pct.toFixed(1)}%` } })),
        h("span", { class: "bar-value" }, product ? `×${fmtNumber(c.value, 2)}` : `+${fmtNumber(c.contribution, 2)}`),
        h("span", { class: "visually-hidden" }, t("translators.componentValue", { value: fmtNumber(c.value, 2) })),
      );
    }),
  );
}
