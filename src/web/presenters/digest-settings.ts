import { DEFAULT_SETTINGS, type SettingsForm } from "../../digest/settings.js";
import type { DigestSettings, Subscriber } from "../../store/digest-store.js";

export interface DigestSettingsModel {
  email: string;
  status: string;
  active: boolean;
  frequency: string;
  weekday: number;
  hour: number;
  timeZone: string;
  kind: string;
  size: number;
  categories: string;
  keywords: string;
  authors: string;
  negativeKeywords: string;
  savedSearches: string;
  likeMyPapers: boolean;
  /** They upvoted and saved nothing yet: "papers like the ones I upvoted or saved" has nothing to go on. */
  likedNothingYet: boolean;
  notice: string | null;
  error: string | null;
}

const STATUS: Record<Subscriber["status"], string> = {
  pending: "Waiting for the confirmation link",
  active: "Active",
  unsubscribed: "Stopped",
  bouncing: "Stopped: mails to this address bounce",
};

export function presentDigestSettings(
  email: string,
  subscriber: Subscriber | null,
  extras: { likedNothingYet: boolean; notice?: string; error?: string },
): DigestSettingsModel {
  const settings: DigestSettings = subscriber ?? DEFAULT_SETTINGS;
  const { topics, schedule } = settings;
  return {
    email: subscriber?.email ?? email,
    status: subscriber ? STATUS[subscriber.status] : "Not subscribed",
    active: subscriber?.status === "active",
    frequency: schedule.frequency,
    weekday: schedule.weekday,
    hour: schedule.hour,
    timeZone: schedule.timeZone,
    kind: settings.kind,
    size: settings.size,
    categories: topics.categories.join(", "),
    keywords: topics.keywords.join(", "),
    authors: topics.authors.join(", "),
    negativeKeywords: topics.negativeKeywords.join(", "),
    savedSearches: topics.savedSearches.join("\n"),
    likeMyPapers: topics.likeMyPapers,
    likedNothingYet: extras.likedNothingYet,
    notice: extras.notice ?? null,
    error: extras.error ?? null,
  };
}

/**
 * The settings as the refused form sent them, so a correction does not mean typing everything again;
 * a field the form left out or that is no number where one is needed keeps the model's value.
 */
export function withSubmittedSettings(model: DigestSettingsModel, form: SettingsForm): DigestSettingsModel {
  const number = (value: string | undefined, fallback: number) =>
    value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : fallback;
  return {
    ...model,
    frequency: form.frequency ?? model.frequency,
    weekday: number(form.weekday, model.weekday),
    hour: number(form.hour, model.hour),
    timeZone: form.timeZone ?? model.timeZone,
    kind: form.kind ?? model.kind,
    size: number(form.size, model.size),
    categories: form.categories ?? "",
    keywords: form.keywords ?? "",
    authors: form.authors ?? "",
    negativeKeywords: form.negativeKeywords ?? "",
    savedSearches: form.savedSearches ?? "",
    likeMyPapers: form.likeMyPapers === "on" || form.likeMyPapers === "true",
  };
}
