// The inbox: notices for the signed-in person and the organisations they
// edit, newest first. An introduction waiting for the reader's answer has
// Accept and Decline (each confirmed); every introduction shows its dated
// timeline, and a connected one the contact details it reveals. An
// invitation to contribute to a collaboration, while unanswered, has Join
// and Decline.

import { gql } from "../api";
import { startCollaborationForm } from "../components/startCollaboration";
import { announce, h } from "../dom";
import { errorBox } from "../errors";
import { locale, t, type MessageKey } from "../i18n";
import type { Page } from "../router";
import { currentSession, hasRole } from "../session";

interface Introduction {
  id: string;
  status: string;
  message: string | null;
  translator: { id: string; name: string } | null;
  from: { id: string; name: string };
  to: { id: string; name: string };
  history: { status: string; at: string; by: { name: string } | null }[];
  contacts: { role: string; name: string; email: string | null; phone: string | null }[];
}

interface Item {
  id: string;
  kind: string;
  read: boolean;
  createdAt: string;
  introduction: Introduction | null;
  call: { id: string; title: string } | null;
  response: { status: string; message: string | null; organisation: { name: string } } | null;
  collaboration: { id: string; title: string } | null;
}

/** Items per page; "Show older notices" reads the next page after the last cursor. */
const PAGE = 20;

const INBOX = `query Inbox($first: Int, $after: String) {
  me {
    unreadCount
    contributorInvitations { collaboration { id } }
    inbox(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id kind read createdAt
        introduction { id status message translator { id name } from { id name } to { id name }
                       history { status at by { name } } contacts { role name email phone } }
        call { id title }
        response { status message organisation { name } }
        collaboration { id title }
      }
    }
  }
}`;

const ANSWER = (field: string): string => `mutation Answer($id: ID!) { ${field}(id: $id) { id status } }`;
const ANSWER_INVITATION = (field: string): string => `mutation AnswerInvitation($c: ID!) { ${field}(collaborationId: $c) { id } }`;
const MARK_READ = `mutation MarkRead($ids: [ID!]!) { markRead(ids: $ids) }`;

function dateTime(iso: string): string {
  return new Date(iso).toLocaleString(locale(), { dateStyle: "medium", timeStyle: "short" });
}

export const inboxPage: Page = {
  path: "/inbox",
  title: "inbox.title",
  nav: "nav.inbox",
  render(root) {
    const list = h("section", { class: "results", "aria-labelledby": "inbox-heading", "aria-busy": "false" });
    root.append(h("p", { class: "lead" }, t("inbox.intro")), list);
    if (!currentSession()) {
      list.replaceChildren(h("p", { class: "alert" }, t("inbox.signIn")));
      return;
    }
    let pending = new Set<string>(); // collaborations the reader is invited to and has not answered
    void load();

    async function load(): Promise<void> {
      list.setAttribute("aria-busy", "true");
      type Inbox = {
        unreadCount: number;
        contributorInvitations: { collaboration: { id: string } }[] | null;
        inbox: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Item[] } };
      let cursor: string | null = null;
      const loaded: Item[] = [];
      const fetchPage = async (): Promise<Inbox | null> => {
        const data = await gql<{ me: Inbox | null }>(INBOX, { first: PAGE, after: cursor });
        if (data.me) {
          cursor = data.me.inbox.pageInfo.endCursor;
          loaded.push(...data.me.inbox.nodes);
        }
        return data.me;
      };
      try {
        const me = await fetchPage();
        if (!me) {
          list.replaceChildren(h("p", { class: "alert" }, t("inbox.signIn")));
          return;
        }
        pending = new Set((me.contributorInvitations ?? []).map((i) => i.collaboration.id));
        const heading = h("h2", { id: "inbox-heading" }, t("inbox.unread", { n: me.unreadCount }));
        // Marks what is listed, the pages shown so far.
        const markAll = me.unreadCount
          ? h(
              "button",
              {
                type: "button",
                class: "secondary",
                onclick: async () => {
                  const ids = loaded.filter((i) => !i.read).map((i) => i.id);
                  if (ids.length) await gql(MARK_READ, { ids });
                  void load();
                },
              },
              t("inbox.markRead"),
            )
          : null;
        if (!me.inbox.nodes.length) {
          list.replaceChildren(heading, h("p", {}, t("inbox.empty")));
          return;
        }
        const ul = h("ul", { class: "inbox" }, me.inbox.nodes.map(itemView));
        const moreOut = h("div", {});
        const more = h("button", { type: "button", class: "secondary load-more" }, t("inbox.more"));
        more.addEventListener("click", async () => {
          more.disabled = true;
          try {
            const next = await fetchPage();
            if (!next) return;
            const added = next.inbox.nodes.map(itemView);
            ul.append(...added);
            // Keyboard users carry on where the older notices start.
            added[0]?.querySelector("h3")?.focus();
            if (!next.inbox.pageInfo.hasNextPage) more.remove();
          } catch (err) {
            moreOut.replaceChildren(errorBox(err));
          } finally {
            more.disabled = false;
          }
        });
        list.replaceChildren(heading, markAll ?? "", ul, me.inbox.pageInfo.hasNextPage ? h("p", {}, more) : "", moreOut);
      } catch (err) {
        list.replaceChildren(errorBox(err));
      } finally {
        list.setAttribute("aria-busy", "false");
      }
    }

    function itemView(item: Item): HTMLElement {
      const li = h(
        "li",
        { class: `card inbox-item${item.read ? "" : " unread"}`, dataset: { kind: item.kind } },
        h("h3", { tabindex: "-1" }, t(`inbox.kind.${item.kind}` as MessageKey)),
        h("p", { class: "muted" }, dateTime(item.createdAt)),
      );
      if (item.call) li.append(h("p", {}, h("a", { href: `/calls?call=${encodeURIComponent(item.call.id)}` }, item.call.title)));
      if (item.response) li.append(h("p", {}, h("strong", {}, item.response.organisation.name), item.response.message ? ` — ${item.response.message}` : ""));
      if (item.collaboration) li.append(h("p", {}, item.collaboration.title));
      if (item.kind === "CONTRIBUTOR_INVITED" && item.collaboration && pending.has(item.collaboration.id)) li.append(invitationActions(item.collaboration.id));
      if (item.introduction) li.append(...introView(item.introduction));
      return li;
    }

    function invitationActions(collaborationId: string): HTMLElement {
      const answer = async (field: string, confirmText: string, done: string): Promise<void> => {
        if (!window.confirm(confirmText)) return;
        try {
          await gql(ANSWER_INVITATION(field), { c: collaborationId });
          announce(t(done as MessageKey));
          void load();
        } catch (err) {
          actions.append(errorBox(err));
        }
      };
      const actions = h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "primary accept", onclick: () => void answer("acceptContributorInvitation", t("inbox.confirmJoin"), "inbox.joined") }, t("inbox.join")),
        h("button", { type: "button", class: "secondary decline", onclick: () => void answer("declineContributorInvitation", t("inbox.confirmDeclineInvitation"), "inbox.invitationDeclined") }, t("inbox.decline")),
      );
      return actions;
    }

    function introView(i: Introduction): HTMLElement[] {
      const s = currentSession();
      const mine =
        (i.status === "REQUESTED" && i.translator && s?.personId === i.translator.id) ||
        (i.status === "ACCEPTED_BY_TRANSLATOR" && hasRole("ORG_EDITOR") && (s?.orgs ?? []).includes(i.to.id));
      const out: HTMLElement[] = [
        h("p", {}, t("inbox.introFromTo", { from: i.from.name, to: i.to.name, translator: i.translator?.name ?? "—" }), " · ", h("strong", { class: "intro-status" }, t(`intro.status.${i.status}` as MessageKey))),
      ];
      if (i.message) out.push(h("blockquote", {}, i.message));
      out.push(
        h(
          "ol",
          { class: "timeline" },
          i.history.map((e) => h("li", {}, h("time", { datetime: e.at }, dateTime(e.at)), " ", t(`intro.status.${e.status}` as MessageKey), e.by ? ` — ${e.by.name}` : "")),
        ),
      );
      if (i.contacts.length) {
        out.push(
          h("h4", {}, t("inbox.contacts")),
          h(
            "ul",
            { class: "contacts" },
            i.contacts.map((c) =>
              h("li", {}, `${t(`inbox.contact.${c.role}` as MessageKey)}: ${c.name} `, c.email ? h("a", { href: `mailto:${c.email}` }, c.email) : null, c.phone ? ` · ${c.phone}` : ""),
            ),
          ),
        );
      }
      const editsSide = hasRole("ORG_EDITOR") && (s?.orgs ?? []).some((o) => o === i.from.id || o === i.to.id);
      if (i.status === "CONNECTED" && editsSide) out.push(startCollaborationForm({ fromIntroductionId: i.id }, i.id));
      if (mine) {
        const answer = async (field: string, confirmText: string): Promise<void> => {
          if (!window.confirm(confirmText)) return;
          try {
            const res = await gql<Record<string, { status: string }>>(ANSWER(field), { id: i.id });
            announce(t(`intro.status.${res[field].status}` as MessageKey));
            void load();
          } catch (err) {
            actions.append(errorBox(err));
          }
        };
        const actions = h(
          "div",
          { class: "actions" },
          h("button", { type: "button", class: "primary accept", onclick: () => void answer("acceptIntroduction", t("inbox.confirmAccept")) }, t("inbox.accept")),
          h("button", { type: "button", class: "secondary decline", onclick: () => void answer("declineIntroduction", t("inbox.confirmDecline")) }, t("inbox.decline")),
        );
        out.push(actions);
      }
      return out;
    }
  },
};
