// A person's stints on a timeline: one row per stint, a bar from start to
// end (or today) coloured by the organisation's sector, years along the
// top. It is a picture of the list that follows it on the page, which
// carries the same facts as text, so it is hidden from screen readers.

import { h } from "../dom";
import { t, type MessageKey } from "../i18n";
import { sectorColour, sectorLegend } from "./sectors";

export interface Stint {
  id: string;
  kind: string;
  roleTitle: string | null;
  startDate: string;
  endDate: string | null;
  ongoing: boolean;
  organisation: { id: string; name: string; sector: string };
}

function yearOf(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return y + (m - 1) / 12 + (d - 1) / 365;
}

export function timeline(stints: Stint[], today = new Date()): HTMLElement {
  if (!stints.length) return h("p", { class: "muted" }, t("profile.noStints"));
  const now = today.getUTCFullYear() + today.getUTCMonth() / 12;
  const spans = stints
    .map((s) => ({ s, from: yearOf(s.startDate), to: s.endDate ? yearOf(s.endDate) : now }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const min = Math.floor(Math.min(...spans.map((x) => x.from)));
  const max = Math.ceil(Math.max(now, ...spans.map((x) => x.to)));
  const range = Math.max(1, max - min);
  const step = range > 30 ? 10 : range > 12 ? 5 : range > 5 ? 2 : 1;
  const pct = (y: number): string => `${(((y - min) / range) * 100).toFixed(2)}%`;

  const ticks: HTMLElement[] = [];
  for (let y = Math.ceil(min / step) * step; y <= max; y += step) ticks.push(h("span", { class: "tick", style: { left: pct(y) } }, String(y)));

  return h(
    "figure",
    { class: "timeline" },
    h(
      "div",
      { "aria-hidden": "true" },
      h("div", { class: "timeline-axis" }, ticks),
      spans.map(({ s, from, to }) =>
        h(
          "div",
          { class: "timeline-row" },
          h("span", { class: "timeline-label" }, s.roleTitle || t(`kind.${s.kind}` as MessageKey), " · ", s.organisation.name),
          h(
            "span",
            { class: "timeline-track" },
            h("span", {
              class: `timeline-bar${s.ongoing ? " ongoing" : ""}`,
              style: { left: pct(from), width: `max(6px, ${(((to - from) / range) * 100).toFixed(2)}%)`, background: sectorColour(s.organisation.sector) },
              title: `${s.organisation.name}: ${s.startDate} – ${s.endDate ?? t("profile.ongoing")}`,
            }),
          ),
        ),
      ),
    ),
    h("figcaption", {}, t("profile.timelineCaption"), sectorLegend()),
  );
}
