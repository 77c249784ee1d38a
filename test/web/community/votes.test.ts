import { afterEach, describe, expect, it } from "vitest";
import { hashSecret } from "../../../src/community/secrets.js";
import { makePaperInput } from "../../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "../build-app.js";
import { type BrowserSession, csrfTokenIn, signIn } from "./browser-session.js";

const DAY = "2025-09-11";

function titlesOf(html: string): string[] {
  return [...html.matchAll(/class="card-title"><a href="[^"]+">([^<]+)</g)].map((match) => match[1] ?? "");
}

describe("upvotes through HTTP", () => {
  let t: CommunityTestApp;
  let clock: Date;

  async function build(limits: { votesPerMinute?: number } = { votesPerMinute: 0 }) {
    clock = new Date("2025-09-12T10:00:00.000Z");
    t = await buildCommunityTestApp(
      [
        makePaperInput({
          id: "2509.00001",
          title: "Older favourite",
          upvotes: 5,
          publishedAt: "2025-09-09T00:00:00Z",
        }),
        makePaperInput({
          id: "2509.00002",
          title: "Newer contender",
          upvotes: 4,
          publishedAt: "2025-09-10T00:00:00Z",
        }),
        makePaperInput({ id: "hep-th/9901001", title: "Old style", upvotes: 0, listingDay: DAY }),
      ],
      { community: { now: () => clock, limits } },
    );
  }

  async function csrfOf(browser: BrowserSession): Promise<string> {
    return csrfTokenIn((await browser.get("/me")).body);
  }

  afterEach(async () => {
    await t?.close();
  });

  it("counts one vote per user however often it is sent, lets it be taken back, and reorders the day", async () => {
    await build();
    const ada = await signIn(t, "ada@example.org");
    const headers = { "x-csrf-token": await csrfOf(ada) };
    expect(titlesOf((await t.app.inject(`/days/${DAY}`)).body).slice(0, 2)).toEqual([
      "Older favourite",
      "Newer contender",
    ]);

    const first = await ada.api("POST", "/api/papers/2509.00002/vote", headers);
    expect(first.json()).toEqual({ paperId: "2509.00002", voted: true, changed: true, upvotes: 5 });
    const again = await ada.api("POST", "/api/papers/2509.00002/vote", headers);
    expect(again.json()).toEqual({ paperId: "2509.00002", voted: true, changed: false, upvotes: 5 });
    // Equal counts: the newer paper first.
    expect(titlesOf((await t.app.inject(`/days/${DAY}`)).body).slice(0, 2)).toEqual([
      "Newer contender",
      "Older favourite",
    ]);
    expect((await t.app.inject("/api/papers/2509.00002")).json().upvotes).toBe(5);

    const removed = await ada.api("DELETE", "/api/papers/2509.00002/vote", headers);
    expect(removed.json()).toMatchObject({ voted: false, changed: true, upvotes: 4 });
    const removedAgain = await ada.api("DELETE", "/api/papers/2509.00002/vote", headers);
    expect(removedAgain.json()).toMatchObject({ voted: false, changed: false, upvotes: 4 });
    expect(titlesOf((await t.app.inject(`/days/${DAY}`)).body)[0]).toBe("Older favourite");
  });

  it("stays consistent under 50 concurrent requests: one user's retries count once, 50 users count 50", async () => {
    await build();
    const ada = await signIn(t, "ada@example.org");
    const headers = { "x-csrf-token": await csrfOf(ada) };
    const retries = await Promise.all(
      Array.from({ length: 50 }, () => ada.api("POST", "/api/papers/2509.00001/vote", headers)),
    );
    expect(retries.every((response) => response.statusCode === 200)).toBe(true);
    expect(retries.filter((response) => response.json().changed)).toHaveLength(1);
    expect((await t.store.getPaper("2509.00001"))?.upvotes).toBe(6);

    const userIds: string[] = [];
    for (let index = 0; index < 50; index++) {
      const user = await t.community.accounts.ensureUser({
        id: `user-${index}`,
        email: `voter${index}@example.org`,
        role: "user",
        createdAt: clock.toISOString(),
      });
      userIds.push(user.id);
    }
    const issued = await Promise.all(
      userIds.map(async (userId, index) => {
        const token = `pp_test_token_${index}`;
        await t.community.accounts.createApiToken({
          id: `token-${index}`,
          userId,
          name: "voter",
          tokenHash: hashSecret(token),
          createdAt: clock.toISOString(),
        });
        return token;
      }),
    );
    const votes = await Promise.all(
      issued.map((token) =>
        t.app.inject({
          method: "POST",
          url: "/api/papers/2509.00002/vote",
          headers: { authorization: `Bearer ${token}` },
        }),
      ),
    );
    expect(votes.every((response) => response.statusCode === 200)).toBe(true);
    expect((await t.store.getPaper("2509.00002"))?.upvotes).toBe(4 + 50);
    const unvotes = await Promise.all(
      [...issued, ...issued].map((token) =>
        t.app.inject({
          method: "DELETE",
          url: "/api/papers/2509.00002/vote",
          headers: { authorization: `Bearer ${token}` },
        }),
      ),
    );
    expect(unvotes.filter((response) => response.json().changed)).toHaveLength(50);
    expect((await t.store.getPaper("2509.00002"))?.upvotes).toBe(4);
  });

  it("works as a plain form: the button posts, the page comes back showing the vote", async () => {
    await build();
    const ada = await signIn(t, "ada@example.org");
    const page = await ada.get(`/days/${DAY}`);
    expect(page.body).toContain('action="/papers/hep-th/9901001/vote"');
    expect(page.body).toContain('aria-pressed="false"');
    const posted = await ada.post(
      "/papers/hep-th/9901001/vote",
      { action: "add", _csrf: csrfTokenIn(page.body) },
      { referer: `http://localhost:80/days/${DAY}` },
    );
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(`/days/${DAY}`);
    const paper = await ada.get("/papers/hep-th/9901001");
    expect(paper.body).toContain('aria-pressed="true"');
    expect(paper.body).toMatch(
      /class="vote-count">1<\/span><span class="visually-hidden vote-noun"> upvote</,
    );
    expect(paper.body).toContain('title="Remove your upvote"');
    expect((await ada.get("/me")).body).toContain("Old style");

    const anonymous = await t.app.inject("/papers/hep-th/9901001");
    expect(anonymous.body).toContain('href="/login?next=%2Fpapers%2Fhep-th%2F9901001"');
    expect(anonymous.body).not.toContain("vote-form");
  });

  it("refuses anonymous, unknown and malformed votes with 4xx", async () => {
    await build();
    const anonymous = await t.app.inject({ method: "POST", url: "/api/papers/2509.00001/vote" });
    expect(anonymous.statusCode).toBe(403);
    const ada = await signIn(t, "ada@example.org");
    const headers = { "x-csrf-token": await csrfOf(ada) };
    expect((await ada.api("POST", "/api/papers/2509.99999/vote", headers)).statusCode).toBe(404);
    expect((await ada.api("POST", "/api/papers/not-an-id/vote", headers)).statusCode).toBe(400);
    expect((await ada.api("POST", "/api/papers/2509.00001", headers)).statusCode).toBe(404);
    const bearerless = await t.app.inject({
      method: "POST",
      url: "/api/papers/2509.00001/vote",
      headers: { authorization: "Bearer nope" },
    });
    expect(bearerless.statusCode).toBe(401);
  });

  it("limits votes per user with 429 and Retry-After", async () => {
    await build({ votesPerMinute: 2 });
    const ada = await signIn(t, "ada@example.org");
    const headers = { "x-csrf-token": await csrfOf(ada) };
    expect((await ada.api("POST", "/api/papers/2509.00001/vote", headers)).statusCode).toBe(200);
    expect((await ada.api("DELETE", "/api/papers/2509.00001/vote", headers)).statusCode).toBe(200);
    const limited = await ada.api("POST", "/api/papers/2509.00001/vote", headers);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["retry-after"]).toBe("60");
    clock = new Date(clock.getTime() + 60_000);
    expect((await ada.api("POST", "/api/papers/2509.00001/vote", headers)).statusCode).toBe(200);
  });

  it("ranks /trending by recent votes with decay, not by baseline counts", async () => {
    await build();
    const voters = await Promise.all(["a", "b", "c"].map((name) => signIn(t, `${name}@example.org`)));
    const vote = async (browser: BrowserSession, id: string) =>
      browser.api("POST", `/api/papers/${id}/vote`, { "x-csrf-token": await csrfOf(browser) });
    // Two votes two days ago for the favourite, one fresh vote for the old-style paper.
    clock = new Date("2025-09-10T10:00:00.000Z");
    await vote(voters[0]!, "2509.00001");
    await vote(voters[1]!, "2509.00001");
    clock = new Date("2025-09-12T10:00:00.000Z");
    await vote(voters[2]!, "hep-th/9901001");
    const page = await t.app.inject("/trending");
    expect(page.statusCode).toBe(200);
    expect(titlesOf(page.body)).toEqual(["Old style", "Older favourite"]);
  });
});
