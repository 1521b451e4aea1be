// One organisation: its profile, sector and topics, the people with stints
// there (a page at a time), its collaborations and open partnership calls,
// then, read after the rest as they are searches, who could bridge it to
// each other sector (Organisation.translatorsTo) and unusual pairings
// suggested for it.

import { gql } from "../api";
import { phaseName } from "../components/phaseHistory";
import { SECTORS, sectorChip, sectorName } from "../components/sectors";
import { topicName, type Topic } from "../components/topicPicker";
import { h } from "../dom";
import { errorBox } from "../errors";
import { fmtDate, fmtNumber, t, type MessageKey } from "../i18n";
import type { Page } from "../router";

interface Membership {
  current: boolean;
  cursor: string;
  person: { id: string; name: string; headline: string | null };
  experiences: { roleTitle: string | null; startDate: string; endDate: string | null }[];
}

interface Organisation {
  id: string;
  name: string;
  kind: string;
  sector: string;
  region: string | null;
  website: string | null;
  description: string | null;
  topics: Topic[];
  people: Membership[];
  collaborations: { role: string; collaboration: { id: string; title: string; phase: string; form: string } }[];
  openCalls: { id: string; title: string; kind: string; closesAt: string }[];
}

const PEOPLE_PAGE = 20;
const PEOPLE = `people(first: $n, after: $after) { current cursor person { id name headline } experiences { roleTitle startDate endDate } }`;

export const ORGANISATION = `query Organisation($id: ID!, $n: Int!, $after: String) {
  organisation(id: $id) {
    id name kind sector region website description
    topics { id name nameFi nameSv }
    ${PEOPLE}
    collaborations { role collaboration { id title phase form } }
    openCalls { id title kind closesAt }
  }
}`;

const MORE_PEOPLE = `query OrganisationPeople($id: ID!, $n: Int!, $after: String) { organisation(id: $id) { id ${PEOPLE} } }`;

/** Bridges to the other sectors and pairings: searches, read once the page is up. */
function bridgesQuery(others: string[]): string {
  const bridges = others.map((s) => `  to${s}: organisation(id: $id) { id translatorsTo(sector: ${s}, first: 3) { score person { id name headline } } }`);
  return `query OrganisationBridges($id: ID!) {
${bridges.join("\n")}
  unusualPairings(for: $id, first: 5) { score explanation organisations { id name sector } }
}`;
}

interface Bridges {
  unusualPairings: { score: number; explanation: string; organisations: { id: string; name: string; sector: string }[] }[];
  [to: string]: unknown;
}

function section(id: string, title: MessageKey, ...body: (HTMLElement | null)[]): HTMLElement {
  return h("section", { class: "card", id, "aria-labelledby": `${id}-h` }, h("h2", { id: `${id}-h` }, t(title)), ...body);
}

export const organisationPage: Page = {
  path: "/organisation",
  title: "org.title",
  render(root, { params }) {
    const id = params.get("id");
    const out = h("div", { class: "organisation", "aria-busy": "true" });
    root.append(out);
    if (!id) {
      out.append(h("p", {}, t("org.none")));
      return;
    }
    let gone = false;
    void load(id);

    async function load(id: string): Promise<void> {
      try {
        const data = await gql<{ organisation: Organisation | null }>(ORGANISATION, { id, n: PEOPLE_PAGE, after: null });
        if (gone) return;
        if (!data.organisation) {
          out.replaceChildren(h("p", {}, t("org.notFound")));
          return;
        }
        show(data.organisation);
      } catch (err) {
        out.replaceChildren(errorBox(err));
      } finally {
        out.setAttribute("aria-busy", "false");
      }
    }

    function show(o: Organisation): void {
      const people = h("ul", { class: "plain-list", id: "org-people" });
      const morePeople = h("button", { type: "button", class: "secondary", id: "org-more-people" }, t("org.morePeople"));
      let last = "";
      const addPeople = (ms: Membership[]) => {
        people.append(
          ...ms.map((m) =>
            h(
              "li",
              {},
              h("strong", {}, m.person.name),
              m.person.headline ? h("span", { class: "muted" }, ` · ${m.person.headline}`) : null,
              " ",
              h("span", { class: "chip plain" }, m.current ? t("org.current") : t("org.former")),
              h(
                "span",
                { class: "muted" },
                " ",
                m.experiences.map((x) => `${x.roleTitle ?? ""} ${fmtDate(x.startDate)} – ${x.endDate ? fmtDate(x.endDate) : t("profile.ongoing")}`.trim()).join("; "),
              ),
            ),
          ),
        );
        last = ms.at(-1)?.cursor ?? last;
        // (hidden would lose to the buttons' display rule)
        morePeople.style.display = ms.length < PEOPLE_PAGE ? "none" : "";
      };
      morePeople.addEventListener("click", async () => {
        morePeople.disabled = true;
        try {
          const data = await gql<{ organisation: { people: Membership[] } }>(MORE_PEOPLE, { id: o.id, n: PEOPLE_PAGE, after: last });
          addPeople(data.organisation.people);
        } catch (err) {
          people.after(errorBox(err));
        } finally {
          morePeople.disabled = false;
        }
      });
      addPeople(o.people);
      if (!o.people.length) people.replaceWith(h("p", { class: "muted", id: "org-people" }, t("org.noPeople")));

      const others = SECTORS.filter((s) => s !== o.sector);
      const bridges = section("org-bridges", "org.bridges", h("p", { class: "muted" }, t("common.loading")));
      const pairings = section("org-pairings", "org.pairings", h("p", { class: "muted" }, t("common.loading")));
      out.replaceChildren(
        h(
          "section",
          { class: "card org-profile", id: "org-profile" },
          h("h2", { id: "org-name" }, o.name),
          h("p", {}, sectorChip(o.sector), " ", t(`orgKind.${o.kind}` as MessageKey), o.region ? ` · ${o.region}` : ""),
          o.description ? h("p", {}, o.description) : null,
          o.website ? h("p", {}, h("a", { href: o.website, rel: "noopener noreferrer", target: "_blank" }, o.website)) : null,
          o.topics.length ? h("p", {}, h("strong", {}, t("org.topics")), " ", o.topics.map(topicName).join(", ")) : null,
          h("p", {}, h("a", { href: `/pairings?for=${encodeURIComponent(o.id)}` }, t("org.morePairings"))),
        ),
        section("org-people-card", "org.people", people, morePeople),
        section(
          "org-collabs",
          "org.collaborations",
          o.collaborations.length
            ? h(
                "ul",
                { class: "plain-list" },
                o.collaborations.map((p) =>
                  h(
                    "li",
                    {},
                    h("a", { href: `/collaboration?id=${encodeURIComponent(p.collaboration.id)}` }, p.collaboration.title),
                    " ",
                    h("span", { class: "muted" }, `${phaseName(p.collaboration.phase)} · ${t(`form.${p.collaboration.form}` as MessageKey)} (${p.role})`),
                  ),
                ),
              )
            : h("p", { class: "muted" }, t("org.noCollaborations")),
        ),
        section(
          "org-calls",
          "org.openCalls",
          o.openCalls.length
            ? h(
                "ul",
                { class: "plain-list" },
                o.openCalls.map((c) =>
                  h("li", {}, h("a", { href: `/calls?call=${encodeURIComponent(c.id)}` }, c.title), " ", h("span", { class: "muted" }, `${t(`calls.kind.${c.kind}` as MessageKey)} · ${t("org.closes", { date: fmtDate(c.closesAt.slice(0, 10)) })}`)),
                ),
              )
            : h("p", { class: "muted" }, t("org.noCalls")),
        ),
        bridges,
        pairings,
      );
      void loadBridges(o, others, bridges, pairings);
    }

    async function loadBridges(o: Organisation, others: string[], bridges: HTMLElement, pairings: HTMLElement): Promise<void> {
      try {
        const data = await gql<Bridges>(bridgesQuery(others), { id: o.id });
        if (gone) return;
        const heading = bridges.firstElementChild!;
        bridges.replaceChildren(
          heading,
          h("p", { class: "hint" }, t("org.bridgesHint")),
          ...others.map((s) => {
            const matches = (data[`to${s}`] as { translatorsTo: { score: number; person: { id: string; name: string; headline: string | null } }[] }).translatorsTo;
            return h(
              "div",
              { class: "bridge", dataset: { sector: s } },
              h("h3", {}, t("org.bridgeTo", { sector: sectorName(s) }), " ", sectorChip(s)),
              matches.length
                ? h("ul", { class: "plain-list" }, matches.map((m) => h("li", {}, h("strong", {}, m.person.name), m.person.headline ? h("span", { class: "muted" }, ` · ${m.person.headline}`) : null, " ", h("span", { class: "score" }, fmtNumber(m.score, 2)))))
                : h("p", { class: "muted" }, t("org.noBridge")),
            );
          }),
        );
        const pHeading = pairings.firstElementChild!;
        pairings.replaceChildren(
          pHeading,
          data.unusualPairings.length
            ? h(
                "ul",
                { class: "plain-list" },
                data.unusualPairings.map((p) => {
                  const other = p.organisations.find((x) => x.id !== o.id) ?? p.organisations[1];
                  return h(
                    "li",
                    {},
                    h("a", { href: `/organisation?id=${encodeURIComponent(other.id)}` }, other.name),
                    " ",
                    sectorChip(other.sector),
                    " ",
                    h("span", { class: "score" }, fmtNumber(p.score, 2)),
                    h("p", { class: "muted" }, p.explanation),
                  );
                }),
              )
            : h("p", { class: "muted" }, t("org.noPairings")),
        );
      } catch (err) {
        bridges.append(errorBox(err));
        pairings.remove();
      }
    }

    return () => {
      gone = true;
    };
  },
};
