import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPoliteHttpClient } from "../../../src/ingest/arxiv/polite-http-client.js";
import { atomFeed } from "../../support/atom-feed.js";
import { type FixtureServer, startFixtureServer } from "../../support/fixture-server.js";
import { makePaperInput } from "../../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "../build-app.js";
import { type BrowserSession, csrfTokenIn, signIn } from "./browser-session.js";

const NOW = new Date("2025-09-12T10:00:00.000Z");
const TODAY = "2025-09-12";

/** A local arXiv API: a few papers by id, the rest unknown, one id answering 500. */
const ARXIV_PAPERS: Record<string, Parameters<typeof atomFeed>[0]["entries"][number]> = {
  "2509.05555": { id: "2509.05555v1", title: "Fresh from arXiv", published: "2025-09-10T09:00:00Z" },
  "2507.01234": {
    id: "2507.01234v2",
    title: "Revised <script>alert(1)</script> work",
    published: "2025-07-01T09:00:00Z",
    updated: "2025-09-08T09:00:00Z",
  },
  "2506.04321": { id: "2506.04321v1", title: "Too old", published: "2025-06-01T09:00:00Z" },
  // Stored here as v1 only (see build); arXiv has had a v2 since.
  "2506.07777": {
    id: "2506.07777v2",
    title: "Revised since we stored it",
    published: "2025-06-01T09:00:00Z",
    updated: "2025-09-10T09:00:00Z",
  },
};

describe("paper submission through HTTP", () => {
  let arxiv: FixtureServer;
  let t: CommunityTestApp;

  beforeAll(async () => {
    arxiv = await startFixtureServer([
      {
        path: "/api/query",
        query: (q) => q.get("id_list") === "2509.06666",
        responses: [{ status: 500, body: "" }],
      },
      {
        path: "/api/query",
        responses: (request) => {
          const entry = ARXIV_PAPERS[request.query.get("id_list") ?? ""];
          return { status: 200, body: atomFeed({ entries: entry ? [entry] : [] }) };
        },
      },
    ]);
  });
  afterAll(() => arxiv.close());

  async function build(quota = 5, perHour = 0, lookUpsPerHour = 0) {
    const client = createPoliteHttpClient({
      userAgent: "PaperPulse/test",
      minIntervalMs: 0,
      timeoutMs: 2_000,
      maxAttempts: 1,
      backoffBaseMs: 1,
    });
    t = await buildCommunityTestApp(
      [
        makePaperInput({
          id: "2509.00001",
          title: "Already announced",
          listingDay: "2025-09-11",
          upvotes: 2,
        }),
        makePaperInput({
          id: "2506.07777",
          title: "Revised since we stored it",
          versions: [{ version: 1, createdAt: "2025-06-01T09:00:00.000Z" }],
          publishedAt: "2025-06-01T09:00:00.000Z",
          listingDay: null,
        }),
      ],
      {
        community: {
          now: () => NOW,
          arxiv: { client, apiUrl: `${arxiv.url}/api/query` },
          submissionRules: { maxAgeDays: 14, dailyQuota: quota },
          limits: { submissionsPerHour: perHour, arxivLookUpsPerHour: lookUpsPerHour },
        },
      },
    );
  }

  afterEach(async () => {
    await t?.close();
  });

  const submitApi = async (browser: BrowserSession, paper: string, preview = false) => {
    const csrf = csrfTokenIn((await browser.get("/me")).body);
    return t.app.inject({
      method: "POST",
      url: "/api/submissions",
      payload: { paper, preview },
      headers: { "x-csrf-token": csrf, cookie: `pp_session=${browser.cookies.get("pp_session")}` },
    });
  };

  it("previews from arXiv without listing, then lists the paper on the submission day", async () => {
    await build();
    const ada = await signIn(t, "ada@example.org");
    const preview = await ada.get(
      `/submit?paper=${encodeURIComponent("https://arxiv.org/pdf/2509.05555v1")}`,
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Fresh from arXiv");
    expect(preview.body).toContain(`The paper will join the list of ${TODAY}.`);
    expect(arxiv.requests.some((r) => r.query.get("id_list") === "2509.05555")).toBe(true);
    expect((await t.app.inject(`/api/papers?day=${TODAY}`)).json().total).toBe(0);

    const confirmed = await ada.post("/submit", { paper: "2509.05555", _csrf: csrfTokenIn(preview.body) });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe(`/submit?done=listed&id=2509.05555&day=${TODAY}`);
    const done = await ada.get(confirmed.headers.location as string);
    expect(done.body).toContain(
      `<p class="notice" role="status">Submitted: arXiv:2509.05555 is on the list of ${TODAY}.</p>`,
    );
    // The page words the outcome itself: text in a link is not shown as a notice.
    const forged = await ada.get("/submit?done=Your+account+was+compromised&id=2509.05555&day=2025-09-12");
    expect(forged.body).not.toContain('class="notice"');
    expect(forged.body).not.toContain("Your account");
    const listed = (await t.app.inject(`/api/papers?day=${TODAY}`)).json();
    expect(listed.papers.map((paper: { id: string }) => paper.id)).toEqual(["2509.05555"]);

    const bob = await signIn(t, "bob@example.org");
    const again = await bob.post("/submit", {
      paper: "2509.05555",
      _csrf: await bob.csrfTokenOf("/submit?paper=2509.05555"),
    });
    expect((await bob.get(String(again.headers.location))).body).toContain(
      `arXiv:2509.05555 was already listed on ${TODAY}; your submission counts as an upvote.`,
    );
  });

  it("offers to add a paper that is not here yet from its 404 page, which leads to the preview", async () => {
    await build();
    const ada = await signIn(t, "ada@example.org");
    const missing = await ada.get("/papers/2509.05555");
    expect(missing.statusCode).toBe(404);
    const add = /<a class="button" href="([^"]+)">Add it from arXiv<\/a>/.exec(missing.body)?.[1];
    expect(add).toBe("/submit?paper=2509.05555");
    expect(missing.body).toContain('href="https://arxiv.org/abs/2509.05555">Read it on arXiv</a>');
    const preview = await ada.get(add!);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Fresh from arXiv");
  });

  it("accepts every arXiv address form, and a second submission becomes an upvote", async () => {
    await build();
    const ada = await signIn(t, "ada@example.org");
    for (const form of [
      "2509.05555",
      "arXiv:2509.05555v1",
      "https://arxiv.org/abs/2509.05555",
      "https://arxiv.org/html/2509.05555v1",
      "http://export.arxiv.org/pdf/2509.05555v1.pdf",
    ]) {
      const response = await submitApi(ada, form, true);
      expect(response.statusCode, form).toBe(200);
      expect(response.json()).toMatchObject({ paperId: "2509.05555", outcome: "list", day: TODAY });
    }
    const first = await submitApi(ada, "https://arxiv.org/abs/2509.05555v1");
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ outcome: "listed", day: TODAY, upvotes: 0 });
    const bob = await signIn(t, "bob@example.org");
    const second = await submitApi(bob, "2509.05555");
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ outcome: "upvoted", day: TODAY, upvotes: 1 });
    const announced = await submitApi(bob, "2509.00001");
    expect(announced.json()).toMatchObject({ outcome: "upvoted", day: "2025-09-11", upvotes: 3 });
  });

  it("refuses old papers with a clear message, but takes a recent later version", async () => {
    await build();
    const ada = await signIn(t, "ada@example.org");
    const old = await submitApi(ada, "2506.04321");
    expect(old.statusCode).toBe(400);
    expect(old.json().error.message).toContain("was last revised on 2025-06-01, 103 days ago");
    const revised = await submitApi(ada, "2507.01234v2");
    expect(revised.statusCode).toBe(201);
    const page = await ada.get("/submit?paper=2506.04321");
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain("papers can be submitted within 14 days");
    // It stays on its own day, where its page takes the upvote the submission would have been.
    expect(page.body).toContain("It stays on the list of 2025-06-01, where it can be upvoted from its page.");
    expect(page.body).toContain('<a href="/papers/2506.04321">Open arXiv:2506.04321</a>');
    expect((await ada.get("/papers/2506.04321")).statusCode).toBe(200);

    // Stored here as an old v1, but revised on arXiv since: arXiv's record decides, not the stale copy.
    const lookupsBefore = arxiv.requests.length;
    const stale = await submitApi(ada, "2506.07777");
    expect(stale.statusCode).toBe(201);
    expect(arxiv.requests.length).toBe(lookupsBefore + 1);
    expect(stale.json()).toMatchObject({ outcome: "listed", day: TODAY });
  });

  it("renders a hostile title from arXiv inert in the preview", async () => {
    await build();
    const ada = await signIn(t, "ada@example.org");
    const page = await ada.get("/submit?paper=2507.01234");
    expect(page.body).toContain("Revised &lt;script>alert(1)&lt;/script> work");
    expect(page.body).not.toContain("<script>alert(1)</script>");
  });

  it("answers 404 for papers arXiv does not have, 400 for non-ids, 503 when arXiv fails", async () => {
    await build();
    const ada = await signIn(t, "ada@example.org");
    expect((await submitApi(ada, "2509.07777")).statusCode).toBe(404);
    const bad = await submitApi(ada, "https://example.org/abs/2509.05555");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("not an arXiv identifier or URL");
    expect((await submitApi(ada, "2509.06666")).statusCode).toBe(503);
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/api/submissions",
      payload: { paper: "2509.05555" },
    });
    expect(anonymous.statusCode).toBe(403);
    expect((await t.app.inject("/submit")).statusCode).toBe(303);
  });

  it("enforces the daily quota (429 until midnight UTC) and the hourly rate limit", async () => {
    await build(1);
    const ada = await signIn(t, "ada@example.org");
    expect((await submitApi(ada, "2509.05555")).statusCode).toBe(201);
    const lookUpsBefore = arxiv.requests.length;
    const over = await submitApi(ada, "2507.01234");
    expect(over.statusCode).toBe(429);
    // Refused before arXiv is asked: the paper it would have listed is not stored either.
    expect(arxiv.requests.length).toBe(lookUpsBefore);
    expect((await t.app.inject("/api/papers/2507.01234")).statusCode).toBe(404);
    expect(over.headers["retry-after"]).toBe(String(14 * 3_600));
    expect(over.json().error.message).toContain("daily limit");
    // Upvoting through a second submission is not a new listing: the quota does not apply.
    expect((await submitApi(ada, "2509.00001")).statusCode).toBe(201);
    await t.close();

    await build(10, 2);
    const bob = await signIn(t, "bob@example.org");
    expect((await submitApi(bob, "2509.05555")).statusCode).toBe(201);
    expect((await submitApi(bob, "2507.01234")).statusCode).toBe(201);
    const limited = await submitApi(bob, "2509.00001");
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["retry-after"]).toBe("3600");
  });

  it("limits the papers one person has looked up on arXiv, by previews and submissions alike", async () => {
    await build(10, 0, 2);
    const ada = await signIn(t, "ada@example.org");
    expect((await submitApi(ada, "2509.05555", true)).statusCode).toBe(200);
    expect((await submitApi(ada, "2507.01234")).statusCode).toBe(201);
    const lookUpsBefore = arxiv.requests.length;
    const third = await submitApi(ada, "2506.04321", true);
    expect(third.statusCode).toBe(429);
    expect(third.json().error.message).toContain("Too many arXiv look-up requests");
    const page = await ada.get("/submit?paper=2506.04321");
    expect(page.statusCode).toBe(429);
    expect(arxiv.requests.length).toBe(lookUpsBefore);
    // Papers stored here ask arXiv nothing and stay open to previews and submissions.
    expect((await submitApi(ada, "2509.05555", true)).statusCode).toBe(200);
    expect((await submitApi(ada, "2509.05555")).statusCode).toBe(201);
  });
});
