import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Paper } from "../../src/core/paper.js";
import { listingDaysOf, periodAt } from "../../src/digest/schedule.js";
import { compileTopics, scorePaper, selectPersonal } from "../../src/digest/selection.js";
import { NO_TOPICS, type Topics } from "../../src/digest/topics.js";
import { importPaperFiles } from "../../src/ingest/import-papers.js";
import { loadBundledEmbedder } from "../../src/search/embedding/bundled.js";
import { DAILY_DIR } from "../ingest/helpers.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";
import { type DigestFixture, openDigestFixture } from "./digest-fixture.js";

/**
 * Personal digests on a month of the real arxiv-daily corpus (September 2025, 3,750 papers): every
 * pick really matches the subscriber's topics, and negative keywords keep papers out.
 */
const NOW = new Date("2025-09-22T07:00:00Z"); // Monday 09:00 in Berlin
const SCHEDULE = { frequency: "weekly", weekday: 1, hour: 9, timeZone: "Europe/Berlin" } as const;
const TOPICS: Topics = {
  ...NO_TOPICS,
  categories: ["cs.CL"],
  keywords: ["retrieval", "speech recognition"],
  authors: [],
  negativeKeywords: ["survey", "benchmark"],
  savedSearches: ['"question answering" cat:cs.AI'],
};

let sink: SmtpSink;
let fixture: DigestFixture;
let week: Paper[];

function words(text: string): string {
  return ` ${(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ")} `;
}

function mentions(paper: Paper, phrase: string): boolean {
  return words(`${paper.title} ${paper.abstract}`).includes(` ${phrase} `);
}

beforeAll(async () => {
  sink = await startSmtpSink();
  fixture = await openDigestFixture({ smtpPort: sink.port, embedder: loadBundledEmbedder() });
  await importPaperFiles(fixture.stores.papers, [path.join(DAILY_DIR, "papers", "2025-09.jsonl.gz")]);
  const days = listingDaysOf(periodAt(SCHEDULE, NOW));
  week = (await fixture.stores.papers.listPapers({ ...days, sort: "date", limit: 10_000, offset: 0 })).papers;
});

afterAll(async () => {
  await fixture.close();
  await sink.close();
});

describe("personal digests on the arxiv-daily corpus", () => {
  it("pick only papers that match a topic, and none with a negative keyword", async () => {
    expect(week.length).toBeGreaterThan(500);
    const subscriber = await fixture.addSubscriber("topics@example.org", {
      schedule: SCHEDULE,
      kind: "personal",
      size: 50,
      topics: TOPICS,
    });
    const result = await fixture.service.run({ now: NOW });
    expect(result.delivery?.sent).toBe(1);
    const delivery = await fixture.stores.digest.digests.delivery(subscriber.id, "weekly:2025-W39");
    expect(delivery?.papers).toBe(50);

    const [mail] = sink.messages;
    const picked = week.filter((paper) => mail?.text?.includes(`/papers/${paper.id}`));
    expect(picked).toHaveLength(50);
    for (const paper of picked) {
      expect(mentions(paper, "survey") || mentions(paper, "benchmark"), paper.id).toBe(false);
      const matches =
        paper.categories.includes("cs.CL") ||
        mentions(paper, "retrieval") ||
        mentions(paper, "speech recognition") ||
        (mentions(paper, "question answering") && paper.categories.includes("cs.AI"));
      expect(matches, paper.id).toBe(true);
    }
    // Best matches first: the top pick matches more than one topic, and says so.
    expect(mail?.text).toMatch(/1\. [^\n]+\n(?:[^\n]*\n)?\s+Why: [^\n]*; /);
  });

  it("would have picked papers the negative keywords left out", async () => {
    const candidates = week.filter(
      (paper) =>
        paper.categories.includes("cs.CL") && (mentions(paper, "survey") || mentions(paper, "benchmark")),
    );
    expect(candidates.length).toBeGreaterThan(10);
    const subscriber = await fixture.addSubscriber("no-negatives@example.org", {
      schedule: SCHEDULE,
      kind: "personal",
      size: 50,
      topics: { ...TOPICS, negativeKeywords: [] },
    });
    const preview = await fixture.service.preview(subscriber.email, NOW);
    const picked = week.filter((paper) => preview?.message.text.includes(`/papers/${paper.id}`));
    expect(picked.some((paper) => mentions(paper, "survey") || mentions(paper, "benchmark"))).toBe(true);
  });

  it("ranks papers like the 'more like this' ones by the semantic model, and says why", async () => {
    const liked = week.filter((paper) => mentions(paper, "speech recognition")).slice(0, 3);
    expect(liked).toHaveLength(3);
    const subscriber = await fixture.addSubscriber("taste@example.org", {
      schedule: SCHEDULE,
      kind: "personal",
      size: 10,
      topics: { ...NO_TOPICS, categories: ["cs.GR"] },
    });
    for (const paper of liked)
      await fixture.stores.digest.digests.saveFeedback(subscriber.id, paper.id, 1, NOW.toISOString());
    const preview = await fixture.service.preview(subscriber.email, NOW);
    const text = preview?.message.text ?? "";
    const similar = week.filter(
      (paper) => text.includes(`/papers/${paper.id}`) && !paper.categories.includes("cs.GR"),
    );
    expect(similar.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain("Why: like papers you upvoted or saved");
    // What the model found is mostly about speech, like the liked papers (and never the liked papers again).
    const aboutSpeech = similar.filter((paper) =>
      /speech|audio|asr|acoustic/i.test(`${paper.title} ${paper.abstract}`),
    );
    expect(aboutSpeech.length).toBeGreaterThanOrEqual(Math.ceil(similar.length / 2));
    for (const paper of liked) expect(text).not.toContain(`/papers/${paper.id}`);
  });

  it("ranks papers like the ones the subscriber upvoted, for an account that asks for it", async () => {
    const upvoted = week.filter((paper) => mentions(paper, "speech recognition")).slice(0, 3);
    const { community, digest } = fixture.stores;
    const user = await community.accounts.ensureUser({
      id: "voter",
      email: "voter@example.org",
      role: "user",
      createdAt: NOW.toISOString(),
    });
    for (const paper of upvoted) await community.votes.addVote(user.id, paper.id, NOW.toISOString());
    const subscriber = await fixture.addSubscriber("voter@example.org", {
      schedule: SCHEDULE,
      kind: "personal",
      size: 10,
      topics: { ...NO_TOPICS, likeMyPapers: true },
    });
    await digest.digests.linkUser(subscriber.id, user.id);
    const text = (await fixture.service.preview(subscriber.email, NOW))?.message.text ?? "";
    const picked = week.filter((paper) => text.includes(`/papers/${paper.id}`));
    expect(picked.length).toBeGreaterThanOrEqual(2);
    expect(text.match(/Why: like papers you upvoted or saved/g)?.length).toBe(picked.length);
    for (const paper of upvoted) expect(text).not.toContain(`/papers/${paper.id}`);
  });

  it("narrows candidates by its index without changing what scoring alone would pick", () => {
    const topicSets: Topics[] = [
      TOPICS,
      { ...NO_TOPICS, keywords: ["large language models", "agents"], negativeKeywords: ["medical"] },
      { ...NO_TOPICS, categories: ["cs"], savedSearches: ["diffusion -video", "cat:cs.GR"] },
      { ...NO_TOPICS, authors: ["Wang"], keywords: ["3d"] },
    ];
    for (const topics of topicSets) {
      const compiled = compileTopics(topics);
      const everyPaper = week
        .map((paper) => scorePaper(paper, compiled))
        .filter((pick) => pick !== null)
        .sort(
          (a, b) =>
            b.score - a.score || b.paper.upvotes - a.paper.upvotes || (a.paper.id < b.paper.id ? 1 : -1),
        )
        .slice(0, 30);
      const indexed = selectPersonal(week, topics, 30);
      expect(indexed.map((pick) => [pick.paper.id, pick.reasons])).toEqual(
        everyPaper.map((pick) => [pick.paper.id, pick.reasons]),
      );
      expect(indexed.length).toBeGreaterThan(0);
    }
  });
});
