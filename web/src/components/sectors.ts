// Sector colours, shared by every page so a sector looks the same
// everywhere. Dark enough for white text (contrast at least 4.5:1).

import { h } from "../dom";
import { t, type MessageKey } from "../i18n";

export const SECTORS = ["PUBLIC", "PRIVATE", "THIRD", "ACADEMIA"] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_COLOURS: Record<Sector, string> = {
  PUBLIC: "#1d4ed8",
  PRIVATE: "#b45309",
  THIRD: "#15803d",
  ACADEMIA: "#7e22ce",
};

/** Colour for a sector code; grey for anything else. */
export function sectorColour(code: string | null | undefined): string {
  return SECTOR_COLOURS[code as Sector] ?? "#475569";
}

export function sectorName(code: string): string {
  return SECTORS.includes(code as Sector) ? t(`sector.${code}` as MessageKey) : code;
}

/** A small coloured label naming the sector. */
export function sectorChip(code: string): HTMLElement {
  return h("span", { class: "chip", style: { background: sectorColour(code) } }, sectorName(code));
}

/** The colour key for the four sectors. */
export function sectorLegend(extra: HTMLElement[] = []): HTMLElement {
  return h(
    "ul",
    { class: "legend", "aria-label": t("legend.title") },
    SECTORS.map((s) => h("li", {}, h("span", { class: "swatch", style: { background: SECTOR_COLOURS[s] }, "aria-hidden": "true" }), sectorName(s))),
    extra,
  );
}
