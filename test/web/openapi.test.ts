import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCUMENTED_EXAMPLES } from "../../src/web/api-examples.js";
import { makePaperInput } from "../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "./build-app.js";

interface Operation {
  summary?: string;
  responses?: Record<string, unknown>;
  parameters?: { name: string; in: string; required?: boolean }[];
}

type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

/** Papers and a public collection none of the documented examples name: the examples must come from here. */
const NEWEST = "2510.04321";
const OLD_STYLE = "cond-mat/0102003";
const LATEST_DAY = "2025-10-08";
const PUBLIC_COLLECTION = "c-live-examples";

async function seedPublicCollection({ community }: CommunityTestApp) {
  const at = "2025-10-08T10:00:00.000Z";
  await community.accounts.ensureUser({
    id: "docs-user",
    email: "docs@example.org",
    role: "user",
    createdAt: at,
  });
  await community.collections.createCollection({
    id: PUBLIC_COLLECTION,
    userId: "docs-user",
    name: "Example",
    public: true,
    createdAt: at,
  });
  await community.collections.addItem(PUBLIC_COLLECTION, NEWEST, at);
}

async function validate(document: OpenApiDocument) {
  const result = await new Validator().validate(structuredClone(document));
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
}

describe("OpenAPI document and docs page", () => {
  let t: CommunityTestApp;
  let document: OpenApiDocument;
  beforeAll(async () => {
    t = await buildCommunityTestApp([
      makePaperInput({ id: "2509.00007", listingDay: "2025-09-11", upvotes: 50 }),
      makePaperInput({
        id: NEWEST,
        title: "Locality in diffusion",
        categories: ["cs.LG"],
        listingDay: LATEST_DAY,
        upvotes: 3,
      }),
      makePaperInput({ id: "2510.04322", listingDay: LATEST_DAY, upvotes: 1 }),
      makePaperInput({
        id: OLD_STYLE,
        authors: ["Yann LeCun"],
        categories: ["cond-mat.stat-mech"],
        listingDay: "2001-02-05",
      }),
    ]);
    await seedPublicCollection(t);
    document = (await t.app.inject("/openapi.json")).json();
  });
  afterAll(() => t.close());

  it("takes its examples from what the instance holds: its latest day's top paper, an old-style paper, a public collection", async () => {
    const parameters = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).flatMap((operation) => operation.parameters ?? []),
    );
    const examples = JSON.stringify(parameters);
    for (const documented of Object.values(DOCUMENTED_EXAMPLES)) expect(examples).not.toContain(documented);
    expect(examples).toContain(`{"${NEWEST}":{"value":"${NEWEST}"},"${OLD_STYLE}":{"value":"${OLD_STYLE}"}}`);
    const page = (await t.app.inject("/docs")).body;
    expect(page).toContain(`Try: <a href="/api/papers/${NEWEST}"`);
    expect(page).toContain(`Try: <a href="/api/papers/cond-mat/0102003/similar"`);
    expect(page).toContain(`/api/daily_papers?date=${LATEST_DAY}`);
    expect(page).toContain(`/feeds/collection/${PUBLIC_COLLECTION}.rss`);
    expect(page).not.toContain(DOCUMENTED_EXAMPLES.paperId);
  });

  it("falls back to the documented examples on an empty store, shown but not linked: they would find nothing", async () => {
    const empty = await buildCommunityTestApp();
    try {
      const bare: OpenApiDocument = (await empty.app.inject("/openapi.json")).json();
      await validate(bare);
      const page = (await empty.app.inject("/docs")).body;
      expect(page).toContain(`Example: <code>GET /api/papers/${DOCUMENTED_EXAMPLES.paperId}</code>`);
      expect(page).toContain(`/api/daily_papers?date=${DOCUMENTED_EXAMPLES.day}`);
      expect(page).toContain(
        `Example: <code>GET /feeds/collection/${DOCUMENTED_EXAMPLES.collectionId}.rss</code>`,
      );
      expect(page).not.toContain(`href="/api/papers/${DOCUMENTED_EXAMPLES.paperId}`);
      expect(page).not.toContain(`href="/feeds/collection/${DOCUMENTED_EXAMPLES.collectionId}`);
      // Examples that need nothing stored stay links.
      expect(page).toContain('Try: <a href="/api/search?');
    } finally {
      await empty.close();
    }
  });

  it("is a valid OpenAPI 3.1 document covering the API, the feeds and the health check", async () => {
    await validate(document);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/papers",
        "/api/papers/{id}",
        "/api/search",
        "/api/daily_papers",
        "/feeds/daily.rss",
        "/feeds/category/{file}",
        "/healthz",
      ]),
    );
    expect(Object.keys(document.paths).some((path) => path === "/" || path.startsWith("/search"))).toBe(
      false,
    );
  });

  it("is where the footer's JSON API link leads, so readers find the reference", async () => {
    const home = (await t.app.inject("/")).body;
    expect(home).toContain('<a href="/docs">JSON API</a>');
    expect((await t.app.inject("/docs")).statusCode).toBe(200);
  });

  it("declares exactly the path parameters each path's template names", () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      for (const [method, operation] of Object.entries(operations)) {
        const declared = (operation.parameters ?? [])
          .filter((parameter) => parameter.in === "path")
          .map((parameter) => parameter.name)
          .sort();
        expect(declared, `${method} ${path}`).toEqual(inTemplate);
      }
    }
  });

  it("documents each feed's document type, and that a reader's current copy gets a 304", () => {
    const feeds = Object.entries(document.paths).filter(([path]) => path.startsWith("/feeds/"));
    expect(feeds.length).toBeGreaterThan(0);
    for (const [path, { get }] of feeds) {
      const types = Object.keys((get?.responses?.["200"] as { content?: object })?.content ?? {});
      const expected = path.endsWith(".rss")
        ? ["application/rss+xml"]
        : path.endsWith(".atom")
          ? ["application/atom+xml"]
          : ["application/rss+xml", "application/atom+xml"];
      expect(types, path).toEqual(expected);
      expect(Object.keys(get?.responses ?? {}), path).toContain("304");
    }
  });

  it("documents every route with a summary, and each one answers its own example request", async () => {
    const pageHtml = (await t.app.inject("/docs")).body;
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.summary, `${method} ${path}`).toBeTruthy();
        const anchor = `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, "-");
        // Reads are links to click; a link cannot send a write, which is shown as its request.
        const example =
          method === "get"
            ? new RegExp(`id="${anchor}"[\\s\\S]*?Try: <a href="([^"]+)"`)
            : new RegExp(`id="${anchor}"[\\s\\S]*?Example: <code>${method.toUpperCase()} ([^<]+)</code>`);
        const link = example.exec(pageHtml);
        expect(link, `${method} ${path} on /docs`).not.toBeNull();
        const href = (link?.[1] ?? "").replaceAll("&amp;", "&");
        expect(href.includes("{"), `${href} lacks an example`).toBe(false);
        expect(href.includes(" "), `${href} is not a URL`).toBe(false);
        const response = await t.app.inject({ method: method.toUpperCase() as "GET", url: href });
        // Reads answer their example, or 401 where they document it (a member's own data; operational data
        // where accounts exist); writes need a signed-in member, so a stranger gets a 4xx.
        const documented = Object.keys(operation.responses ?? {});
        expect(documented, `${method} ${href} answers an undocumented status`).toContain(
          String(response.statusCode),
        );
        const refusesStrangers = documented.includes("401");
        if (method === "get" && refusesStrangers) {
          expect(["200", ...documented], href).toContain(String(response.statusCode));
        } else if (method === "get") expect(response.statusCode, href).toBe(200);
        else {
          expect(response.statusCode, `${method} ${href}`).toBeGreaterThanOrEqual(400);
          expect(response.statusCode, `${method} ${href}`).toBeLessThan(500);
        }
      }
    }
  });
});
