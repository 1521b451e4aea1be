// Topic picker: a plain <select> over the `topics` query, named in the
// interface language (the Finnish or Swedish name where the topic has one,
// else the English one). A native
// select is keyboard- and phone-friendly without any help.

import { gql } from "../api";
import { h } from "../dom";
import { currentLang, t } from "../i18n";

export interface Topic {
  id: string;
  name: string;
  nameFi: string | null;
  nameSv?: string | null;
}

const TOPICS = `query Topics { topics { id name nameFi nameSv } }`;

let cache: Promise<Topic[]> | null = null;

/** All topics, fetched once per page load. */
export function loadTopics(): Promise<Topic[]> {
  cache ??= gql<{ topics: Topic[] }>(TOPICS).then((d) => d.topics);
  cache.catch(() => (cache = null));
  return cache;
}

/** The topic's name in the current language, English when it has none. */
export function topicName(topic: Pick<Topic, "name" | "nameFi" | "nameSv">): string {
  const lang = currentLang();
  if (lang === "fi" && topic.nameFi) return topic.nameFi;
  if (lang === "sv" && topic.nameSv) return topic.nameSv;
  return topic.name;
}

export interface TopicPickerOptions {
  id: string;
  label: string;
  /** The first option's text, chosen when no topic is; "" makes a topic required. */
  emptyLabel: string;
  initialId?: string | null;
  required?: boolean;
  onChange?: (id: string) => void;
}

export function topicPicker(opts: TopicPickerOptions): { element: HTMLElement; select: HTMLSelectElement; value: () => string } {
  const select = h("select", { id: opts.id, required: opts.required ?? false, disabled: true }, h("option", { value: "" }, t("common.loading")));
  select.addEventListener("change", () => opts.onChange?.(select.value));
  const element = h("div", { class: "field" }, h("label", { for: opts.id }, opts.label), select);
  void loadTopics()
    .then((topics) => {
      const sorted = [...topics].sort((a, b) => topicName(a).localeCompare(topicName(b), currentLang()));
      select.replaceChildren(
        h("option", { value: "" }, opts.emptyLabel),
        ...sorted.map((tp) => h("option", { value: tp.id, selected: tp.id === opts.initialId }, topicName(tp))),
      );
      select.disabled = false;
      if (opts.initialId) opts.onChange?.(select.value);
    })
    .catch(() => {
      select.replaceChildren(h("option", { value: "" }, t("topic.loadFailed")));
    });
  return { element, select, value: () => select.value };
}
