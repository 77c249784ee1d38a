import { describe, expect, it } from "vitest";
import {
  announcementDay,
  FeedFormatError,
  parseAnnouncementFeed,
} from "../../../src/ingest/arxiv/announcement-feed.js";
import { CS_AI_FRIDAY_RSS, CS_LG_FRIDAY, CS_LG_WEEKEND, FRIDAY } from "./announcement-fixtures.js";

// Hand-written feeds in arXiv's documented shape: no real feed was recorded (fixtures README).

describe("parseAnnouncementFeed", () => {
  it("reads an Atom weekday feed: ids, versions, announce types and the New York day", () => {
    const feed = parseAnnouncementFeed(CS_LG_FRIDAY);
    expect(feed.day).toBe(FRIDAY);
    expect(feed.entryCount).toBe(5);
    expect(feed.rejected).toEqual([]);
    expect(feed.announcements.map(({ paper, version, type }) => [paper.id, version, type])).toEqual([
      ["2509.10001", 1, "new"],
      ["2509.10002", 1, "new"],
      ["2509.10003", 1, "cross"],
      ["2508.05004", 2, "replace"],
      ["2507.06005", 3, "replace-cross"],
    ]);
  });

  it("hands the shared normaliser the abstract without the announce prefix, authors, categories, licence", () => {
    const [first, second, cross] = parseAnnouncementFeed(CS_LG_FRIDAY).announcements;
    expect(first!.paper).toMatchObject({
      title: "Sparse Mixtures of Experts Learn Faster with Routing Warm-up",
      abstract:
        "We study routing in sparse mixture-of-experts models and show that a short warm-up of the router speeds up training.",
      authors: ["Ada Lovelace", "Alan Turing", "Grace Hopper"],
      authorCount: 3,
      categories: ["cs.LG", "cs.AI"],
      license: "http://creativecommons.org/licenses/by/4.0/",
      versions: [{ version: 1, createdAt: null }],
      listingDay: null,
    });
    expect(second!.paper.abstract).toBe(
      "Calibration degrades under label shift; we give a simple correction & bounds.",
    );
    expect(cross!.paper.categories).toEqual(["cs.CV", "cs.LG"]);
  });

  it("reads the RSS form and reports an invalid entry while keeping the others", () => {
    const feed = parseAnnouncementFeed(CS_AI_FRIDAY_RSS);
    expect(feed.day).toBe(FRIDAY);
    expect(feed.entryCount).toBe(3);
    expect(feed.announcements.map(({ paper, type }) => [paper.id, type])).toEqual([
      ["2509.10006", "new"],
      ["2509.10001", "cross"],
    ]);
    expect(feed.announcements[0]!.paper.authors).toEqual(["Kurt Gödel", "John von Neumann"]);
    expect(feed.rejected).toEqual([
      { position: 3, entryId: "oai:arXiv.org:2509.10007v1", reason: "empty title" },
    ]);
  });

  it("reads an empty weekend feed as a day without entries, not an error", () => {
    const feed = parseAnnouncementFeed(CS_LG_WEEKEND);
    expect(feed).toEqual({ day: "2025-09-13", entryCount: 0, announcements: [], rejected: [] });
  });

  it("rejects an entry with an unknown announce type or a non-arXiv id", () => {
    const xml = CS_LG_FRIDAY.replace(
      "<arxiv:announce_type>cross</arxiv:announce_type>",
      "<arxiv:announce_type>withdrawn</arxiv:announce_type>",
    ).replace("oai:arXiv.org:2509.10002v1", "oai:example.org:paper-2");
    const feed = parseAnnouncementFeed(xml);
    expect(feed.announcements).toHaveLength(3);
    expect(feed.rejected.map((reject) => [reject.position, reject.reason])).toEqual([
      [2, "not an arXiv id: oai:example.org:paper-2"],
      [3, "unknown announce type: withdrawn"],
    ]);
  });

  it("refuses a truncated body and a document that is no feed", () => {
    expect(() => parseAnnouncementFeed(CS_LG_FRIDAY.slice(0, 900))).toThrow(FeedFormatError);
    expect(() => parseAnnouncementFeed("<html><body>Service unavailable</body></html>")).toThrow(
      /neither an Atom <feed> nor an RSS/,
    );
  });
});

describe("announcementDay", () => {
  it("is the New York date of the feed's instant, in either spelling", () => {
    expect(announcementDay("2025-09-12T04:00:00.000000+00:00")).toBe("2025-09-12");
    expect(announcementDay("Fri, 12 Sep 2025 00:00:00 -0400")).toBe("2025-09-12");
    // 02:30 UTC is still the evening before in New York.
    expect(announcementDay("2025-09-13T02:30:00Z")).toBe("2025-09-12");
    expect(announcementDay("Sat, 13 Sep 2025 02:30:00 GMT")).toBe("2025-09-12");
  });

  it("refuses a date it cannot read", () => {
    expect(() => announcementDay("yesterday")).toThrow(FeedFormatError);
    expect(() => announcementDay("2025-02-30T00:00:00Z")).toThrow(FeedFormatError);
  });
});
