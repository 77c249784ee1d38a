import type { DigestKind, DigestSettings } from "../store/digest-store.js";
import type { Frequency } from "./schedule.js";
import { isTimeZone } from "./schedule.js";
import { NO_TOPICS, parseTopics, TopicsError, type TopicsForm } from "./topics.js";

export const DEFAULT_SIZE = 10;
export const MAX_SIZE = 50;

/** A new subscription's settings: the trending digest, daily at 08:00 UTC, ten papers. */
export const DEFAULT_SETTINGS: DigestSettings = {
  schedule: { frequency: "daily", weekday: 1, hour: 8, timeZone: "UTC" },
  kind: "trending",
  size: DEFAULT_SIZE,
  topics: NO_TOPICS,
};

/** The profile form's fields, as strings (absent: keep the default). */
export interface SettingsForm extends Omit<TopicsForm, "likeMyPapers"> {
  frequency?: string;
  weekday?: string;
  hour?: string;
  timeZone?: string;
  kind?: string;
  size?: string;
  likeMyPapers?: string;
}

export class SettingsError extends TopicsError {
  override name = "SettingsError";
}

function wholeIn(raw: string | undefined, min: number, max: number, fallback: number, what: string): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new SettingsError(`${what} must be a whole number from ${min} to ${max}.`);
  return value;
}

/** Validates the form; throws SettingsError (or TopicsError) with a message fit to show. */
export function parseSettings(form: SettingsForm): DigestSettings {
  const frequency = form.frequency ?? "daily";
  if (frequency !== "daily" && frequency !== "weekly")
    throw new SettingsError("Frequency is daily or weekly.");
  const kind = form.kind ?? "trending";
  if (kind !== "trending" && kind !== "personal")
    throw new SettingsError("The digest is trending or personal.");
  const timeZone = (form.timeZone ?? "UTC").trim() || "UTC";
  if (!isTimeZone(timeZone))
    throw new SettingsError(`"${timeZone.slice(0, 64)}" is not a time zone (e.g. Europe/Berlin).`);
  return {
    schedule: {
      frequency: frequency as Frequency,
      weekday: wholeIn(form.weekday, 1, 7, 1, "Weekday"),
      hour: wholeIn(form.hour, 0, 23, 8, "Hour"),
      timeZone,
    },
    kind: kind as DigestKind,
    size: wholeIn(form.size, 1, MAX_SIZE, DEFAULT_SIZE, "Size"),
    topics: parseTopics({
      ...form,
      likeMyPapers: form.likeMyPapers === "on" || form.likeMyPapers === "true",
    }),
  };
}
