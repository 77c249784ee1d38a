import { afterEach, describe, expect, it } from "vitest";
import { checkSet, closeMatches, parseListSets } from "../../../src/ingest/arxiv/oai-pmh-sets.js";
import {
  type FixtureResponse,
  type FixtureServer,
  startFixtureServer,
} from "../../support/fixture-server.js";
import { handWrittenPage, OAI_PATH, ok, setsRoute, testClient } from "./oai-pmh-fixtures.js";

// The set list is hand-written in arXiv's shape (test/ingest/fixtures/oai-pmh/README.md); every
// request goes to a local fixture server through the polite client.

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serveSets(responses: FixtureResponse[]): Promise<string> {
  server = await startFixtureServer([setsRoute(responses)]);
  return `${server.url}${OAI_PATH}`;
}

const ARXIV_SETS = parseListSets(handWrittenPage("list-sets.xml"));

/** One page of a paged set list, as a repository with many sets would answer. */
function setsPage(specs: string[], token: string): string {
  const sets = specs
    .map((spec) => `<set><setSpec>${spec}</setSpec><setName>${spec}</setName></set>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2025-01-08T10:00:00Z</responseDate>
<request verb="ListSets">https://oai.example.org/oai</request>
<ListSets>${sets}<resumptionToken>${token}</resumptionToken></ListSets></OAI-PMH>`;
}

describe("checkSet: the set a harvest names, looked up in the repository's ListSets", () => {
  it("finds a listed set with one ListSets request", async () => {
    const url = await serveSets([ok(handWrittenPage("list-sets.xml"))]);
    expect(await checkSet(testClient(), url, "physics:hep-th")).toEqual({ status: "exists" });
    expect(await checkSet(testClient(), url, "cs")).toEqual({ status: "exists" });
    expect(server!.requests.map((request) => request.url)).toEqual([
      `${OAI_PATH}?verb=ListSets`,
      `${OAI_PATH}?verb=ListSets`,
    ]);
  });

  it("names the closest listed sets for an unknown one, with the whole list", async () => {
    const url = await serveSets([ok(handWrittenPage("list-sets.xml"))]);
    const check = await checkSet(testClient(), url, "CS");
    expect(check).toEqual({
      status: "unknown",
      closeMatches: ["cs"],
      sets: ARXIV_SETS.kind === "sets" ? ARXIV_SETS.specs : [],
    });
    expect(check.status === "unknown" && check.sets).toHaveLength(21);
  });

  it("follows the set list's resumption tokens", async () => {
    const url = await serveSets([
      ok(setsPage(["cs", "math"], "sets|2")),
      ok(setsPage(["physics:hep-th"], "")),
    ]);
    expect(await checkSet(testClient(), url, "physics:hep-th")).toEqual({ status: "exists" });
    expect(server!.requests.map((request) => request.query.get("resumptionToken"))).toEqual([null, "sets|2"]);
  });

  it("leaves the set unchecked where the repository gives no set list", async () => {
    const answers: [FixtureResponse, string][] = [
      [ok(handWrittenPage("no-set-hierarchy.xml")), "noSetHierarchy (This repository does not support sets)"],
      [{ status: 400, body: handWrittenPage("no-set-hierarchy.xml") }, "noSetHierarchy"],
      [{ status: 404, body: "Not Found" }, "HTTP 404"],
      [{ status: 500, body: "Internal Server Error" }, "HTTP 500"],
      [ok(handWrittenPage("list-page-1.xml")), "neither <ListSets> nor <error> in the response"],
      [ok("<OAI-PMH><ListSets><set>"), "not well-formed XML"],
    ];
    for (const [answer, reason] of answers) {
      const url = await serveSets([answer]);
      const check = await checkSet(testClient(), url, "cs");
      expect(check.status, reason).toBe("unchecked");
      expect(check.status === "unchecked" && check.reason).toContain(reason);
      await server?.close();
    }
  });

  it("leaves the set unchecked when the repository cannot be reached", async () => {
    const url = await serveSets([{ fault: "reset" }]);
    const check = await checkSet(testClient(), url, "cs");
    expect(check.status).toBe("unchecked");
    expect(server!.requests).toHaveLength(3);
  });
});

describe("closeMatches", () => {
  const specs = ARXIV_SETS.kind === "sets" ? ARXIV_SETS.specs : [];

  it("suggests another case, a slip, or the archive's full set, nearest first", () => {
    expect(closeMatches("CS", specs)).toEqual(["cs"]);
    expect(closeMatches("mathh", specs)).toEqual(["math"]);
    expect(closeMatches("stats", specs)).toEqual(["stat"]);
    expect(closeMatches("hep-th", specs)).toEqual(["physics:hep-th", "physics:hep-ph", "physics:hep-ex"]);
    expect(closeMatches("physics:quant_ph", specs)).toEqual(["physics:quant-ph"]);
  });

  it("suggests nothing far from every set", () => {
    expect(closeMatches("biology", specs)).toEqual([]);
    expect(closeMatches("x", specs)).toEqual([]);
  });
});
