// The Import page (COORDINATOR, ADMIN): choose CSV files, check them with
// a dry run (its report, or every problem with file, line and column, as a
// table), then import them; download a template per kind and the export.
// The layout of the files is docs/import.md.

import { ApiError, fetchFile, gqlUpload } from "../api";
import { announce, h } from "../dom";
import { errorBox, successBox } from "../errors";
import { t, type MessageKey } from "../i18n";
import type { Page } from "../router";
import { currentSession } from "../session";

const KINDS = ["topics", "organisations", "people", "experiences", "collaborations", "partners", "contributors"];

export const IMPORT_DATA = `mutation ImportData($files: [Upload!]!, $dryRun: Boolean!, $sync: String) {
  importData(files: $files, dryRun: $dryRun, sync: $sync) {
    dryRun files { name kind rows } counts { kind created updated unchanged removed } peopleWithoutConsent
  }
}`;

interface Report {
  dryRun: boolean;
  files: { name: string; kind: string; rows: number }[];
  counts: { kind: string; created: number; updated: number; unchanged: number; removed: number }[];
  peopleWithoutConsent: number;
}

interface Problem {
  file: string;
  line: number;
  column: string;
  code: string;
  message: string;
}

function canImport(): boolean {
  const roles = currentSession()?.roles ?? [];
  return roles.includes("COORDINATOR") || roles.includes("ADMIN");
}

function kindName(kind: string): string {
  return t(`import.kind.${kind}` as MessageKey);
}

function reportTable(r: Report): HTMLElement {
  const cols: MessageKey[] = ["import.created", "import.updated", "import.unchanged", "import.removed"];
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: "figures", id: "import-report" },
      h("caption", {}, t(r.dryRun ? "import.dryRunReport" : "import.doneReport")),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("import.kind")), cols.map((c) => h("th", { scope: "col" }, t(c))))),
      h(
        "tbody",
        {},
        r.counts.map((c) =>
          h("tr", { dataset: { kind: c.kind } }, h("th", { scope: "row" }, kindName(c.kind)), [c.created, c.updated, c.unchanged, c.removed].map((n) => h("td", {}, String(n)))),
        ),
      ),
    ),
  );
}

function problemsTable(problems: Problem[]): HTMLElement {
  const cols: MessageKey[] = ["import.file", "import.line", "import.column", "import.code", "import.message"];
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: "figures", id: "import-problems" },
      h("caption", {}, t("import.problems", { n: problems.length })),
      h("thead", {}, h("tr", {}, cols.map((c) => h("th", { scope: "col" }, t(c))))),
      h(
        "tbody",
        {},
        problems.map((p) =>
          h("tr", { dataset: { code: p.code } }, h("td", {}, p.file), h("td", {}, p.line ? String(p.line) : ""), h("td", {}, p.column), h("td", {}, h("code", {}, p.code)), h("td", {}, p.message)),
        ),
      ),
    ),
  );
}

async function downloadExport(out: HTMLElement): Promise<void> {
  out.replaceChildren(h("p", { class: "muted", role: "status" }, t("common.loading")));
  try {
    const blob = await fetchFile("/export.zip");
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: `tulkki-export-${new Date().toISOString().slice(0, 10)}.zip` });
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    out.replaceChildren(successBox(t("import.exported")));
  } catch (err) {
    out.replaceChildren(errorBox(err));
  }
}

export const importPage: Page = {
  path: "/import",
  title: "import.title",
  nav: "nav.import",
  render(root) {
    root.append(h("p", { class: "lead" }, t("import.summary")));
    if (!canImport()) {
      root.append(h("p", { role: "note" }, h("a", { href: "/signin?next=/import" }, t("import.signInFirst"))));
      return;
    }
    const input = h("input", { type: "file", id: "import-files", multiple: true, accept: ".csv,text/csv" }) as HTMLInputElement;
    const sync = h("input", { type: "text", id: "import-sync", autocomplete: "off" }) as HTMLInputElement;
    const check = h("button", { type: "button", id: "import-check" }, t("import.check")) as HTMLButtonElement;
    const run = h("button", { type: "button", id: "import-run", disabled: true }, t("import.run")) as HTMLButtonElement;
    const result = h("div", { id: "import-result", "aria-live": "polite" });
    const exportOut = h("div", {});
    let checked: File[] | null = null;

    const files = (): File[] => Array.from(input.files ?? []);
    input.addEventListener("change", () => {
      checked = null;
      run.disabled = true;
      result.replaceChildren(files().length ? h("p", { class: "muted" }, t("import.chosen", { n: files().length })) : "");
    });
    sync.addEventListener("input", () => {
      checked = null;
      run.disabled = true;
    });

    async function submit(dryRun: boolean): Promise<void> {
      const chosen = files();
      if (!chosen.length) {
        result.replaceChildren(h("div", { class: "alert error", role: "alert" }, t("import.noFiles")));
        return;
      }
      check.disabled = run.disabled = true;
      result.replaceChildren(h("p", { class: "muted", role: "status" }, t(dryRun ? "import.checking" : "import.importing")));
      try {
        const data = await gqlUpload<{ importData: Report }>(IMPORT_DATA, { dryRun, sync: sync.value.trim() || null }, "files", chosen);
        const r = data.importData;
        checked = dryRun ? chosen : null;
        result.replaceChildren(
          r.dryRun ? h("p", { role: "status" }, t("import.checkedOk")) : successBox(t("import.done")),
          reportTable(r),
          h("p", { id: "import-consent" }, t("import.withoutConsent", { n: r.peopleWithoutConsent })),
        );
        announce(t(r.dryRun ? "import.checkedOk" : "import.done"));
      } catch (err) {
        checked = null;
        const problems = err instanceof ApiError ? (err.extensions.problems as Problem[] | undefined) : undefined;
        result.replaceChildren(
          problems?.length ? h("div", { class: "alert error", role: "alert" }, h("strong", {}, t("import.fix"))) : errorBox(err),
          problems?.length ? problemsTable(problems) : "",
        );
      } finally {
        check.disabled = false;
        run.disabled = checked === null;
      }
    }
    check.addEventListener("click", () => void submit(true));
    run.addEventListener("click", () => void submit(false));

    root.append(
      h(
        "section",
        { class: "card", "aria-labelledby": "import-files-heading" },
        h("h2", { id: "import-files-heading" }, t("import.filesHeading")),
        h("p", {}, t("import.filesHint")),
        h("div", { class: "field" }, h("label", { for: "import-files" }, t("import.choose")), input),
        h("div", { class: "field" }, h("label", { for: "import-sync" }, t("import.sync")), sync, h("p", { class: "muted" }, t("import.syncHint"))),
        h("div", { class: "actions" }, check, run),
        result,
      ),
      h(
        "section",
        { class: "card", "aria-labelledby": "import-templates-heading" },
        h("h2", { id: "import-templates-heading" }, t("import.templates")),
        h("p", {}, t("import.templatesHint")),
        h("ul", { class: "templates" }, KINDS.map((k) => h("li", {}, h("a", { href: `/import/templates/${k}.csv`, download: `${k}.csv` }, `${k}.csv`), " — ", kindName(k)))),
      ),
      h(
        "section",
        { class: "card", "aria-labelledby": "export-heading" },
        h("h2", { id: "export-heading" }, t("import.export")),
        h("p", {}, t("import.exportHint")),
        h("button", { type: "button", id: "export-button", onclick: () => void downloadExport(exportOut) }, t("import.exportButton")),
        exportOut,
      ),
    );
  },
};
