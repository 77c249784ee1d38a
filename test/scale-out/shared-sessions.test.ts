import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresStores } from "../../src/store/postgres/open-stores.js";
import { makePaperInput } from "../support/paper-factory.js";
import { TEST_DATABASE_URL, testSchemaUrl } from "../support/postgres.js";
import { buildCommunityTestApp, type CommunityTestApp } from "../web/build-app.js";
import { BrowserSession, csrfTokenIn, signIn } from "../web/community/browser-session.js";

// Two web nodes on one PostgreSQL database, as behind a load balancer (npm test always gives the database).
describe.skipIf(TEST_DATABASE_URL === null)("two web nodes on one database", () => {
  let nodeA: CommunityTestApp;
  let nodeB: CommunityTestApp;
  beforeAll(async () => {
    const url = await testSchemaUrl();
    const community = { limits: { votesPerMinute: 3 } };
    nodeA = await buildCommunityTestApp(
      [makePaperInput({ id: "2509.00001", title: "Shared paper", upvotes: 2 })],
      { stores: await openPostgresStores(url), community },
    );
    nodeB = await buildCommunityTestApp([], { stores: await openPostgresStores(url), community });
  });
  afterAll(async () => {
    await nodeA.close();
    await nodeB.close();
  });

  /** The same browser, its next request routed to the other node. */
  function onNode(browser: BrowserSession, node: CommunityTestApp): BrowserSession {
    const moved = new BrowserSession(node.app);
    for (const [name, value] of browser.cookies) moved.cookies.set(name, value);
    return moved;
  }

  async function vote(browser: BrowserSession, action: "add" | "remove") {
    const csrf = csrfTokenIn((await browser.get("/papers/2509.00001")).body);
    return browser.post("/papers/2509.00001/vote", { action, _csrf: csrf });
  }

  it("shares sessions, votes and the vote rate limit between the nodes", async () => {
    const onA = await signIn(nodeA, "ada@example.org");
    const onB = onNode(onA, nodeB);
    expect((await onB.get("/me")).statusCode).toBe(200);

    expect((await vote(onB, "add")).statusCode).toBe(303);
    const seenOnA = JSON.parse((await nodeA.app.inject("/api/papers/2509.00001")).body) as {
      upvotes: number;
    };
    expect(seenOnA.upvotes).toBe(3);
    expect((await vote(onA, "remove")).statusCode).toBe(303);
    expect((await vote(onB, "add")).statusCode).toBe(303);
    // Three votes a minute in all, whichever node takes them.
    const limited = await vote(onA, "remove");
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);

    await onA.post("/logout", { _csrf: csrfTokenIn((await onA.get("/me")).body) });
    expect((await onB.get("/me")).statusCode).toBe(303);
  });
});
