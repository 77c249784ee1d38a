import fs from "node:fs";
import path from "node:path";
import { FIXTURES } from "../helpers.js";

/** The hand-written announcement feeds (see test/ingest/fixtures/announcements/README.md). */
export const FRIDAY = "2025-09-12";

export function announcementFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, "announcements", name), "utf8");
}

export const CS_LG_FRIDAY = announcementFixture("cs.LG-2025-09-12.atom.xml");
export const CS_LG_WEEKEND = announcementFixture("cs.LG-2025-09-13-weekend.atom.xml");
export const CS_AI_FRIDAY_RSS = announcementFixture("cs.AI-2025-09-12.rss.xml");
