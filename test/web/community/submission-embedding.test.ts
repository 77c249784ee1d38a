import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStores } from "../../../src/store/sqlite/open-stores.js";
import { tempDir } from "../../ingest/helpers.js";
import { createApiReader } from "../../support/api-reader.js";
import { arxivLookupRoute } from "../../support/arxiv-lookup-route.js";
import { type FixtureServer, startFixtureServer } from "../../support/fixture-server.js";
import { makePaperInput } from "../../support/paper-factory.js";
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
  waitFor,
} from "../../support/server-process.js";

/**
 * A paper submitted from arXiv is found by meaning within seconds: the submission queues its embedding
 * pass, instead of leaving it to the periodic look for unembedded papers (set to an hour here).
 */

const SUBMITTED = "2511.04242";
const API_TOKEN = `pp_${randomBytes(24).toString("base64url")}`;
const TODAY = new Date().toISOString().slice(0, 10);

describe("a paper submitted from arXiv, on the embedded tier", () => {
  let arxiv: FixtureServer;
  let server: ServerProcess;

  beforeAll(async () => {
    const dataDir = tempDir();
    const stores = openSqliteStores(path.join(dataDir, "paperpulse.db"));
    await stores.papers.upsertPapers([
      makePaperInput({ id: "2511.00001", title: "Locality in vision transformers", listingDay: TODAY }),
      makePaperInput({ id: "2511.00002", title: "Scaling laws for retrieval", listingDay: TODAY }),
    ]);
    await createApiReader(stores, API_TOKEN);
    await stores.papers.close();

    arxiv = await startFixtureServer([arxivLookupRoute(SUBMITTED)]);
    server = await startServerProcess("server", {
      PAPERPULSE_DATA: dataDir,
      PAPERPULSE_DEMO: "false",
      PAPERPULSE_PAGE_CACHE_SECONDS: "0",
      PAPERPULSE_LOG_LEVEL: "info",
      PAPERPULSE_ARXIV_API_URL: `${arxiv.url}/api/query`,
      PAPERPULSE_ARXIV_INTERVAL_MS: "5",
      PAPERPULSE_EMBED_INTERVAL_SECONDS: "3600",
    });
    // The pass queued at start embeds the stored papers; the next periodic look is an hour away.
    await waitFor(async () =>
      server.log.some((line) => line.includes('"msg":"embedded 2 papers')) ? true : null,
    );
  }, 60_000);

  afterAll(async () => {
    if (server) await stopServerProcess(server);
    await arxiv?.close();
  });

  it("is embedded at once and found by meaning", async () => {
    const submitted = await fetch(`${server.url}/api/submissions`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ paper: SUBMITTED }),
    });
    expect(submitted.status).toBe(201);
    const search = `${server.url}/api/search?q=${encodeURIComponent("benchmarks of sample efficiency")}&mode=semantic`;
    const ids = await waitFor(async () => {
      const found = await (await fetch(search)).json();
      const hits: string[] = found.hits.map((hit: { paper: { id: string } }) => hit.paper.id);
      return hits.includes(SUBMITTED) ? hits : null;
    }, 20_000);
    expect(ids[0]).toBe(SUBMITTED);
    expect(server.log.some((line) => line.includes('"msg":"embedded 1 papers'))).toBe(true);
  });
});
