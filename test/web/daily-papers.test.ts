import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePaperInput } from "../support/paper-factory.js";
import { sharedDataPath } from "../support/shared-data.js";
import { buildTestApp, HOSTILE_STRINGS, type TestApp } from "./build-app.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A recorded Hugging Face response, the contract existing Daily Papers clients were written against. */
const SAMPLE = JSON.parse(
  fs.readFileSync(sharedDataPath("hf-daily-papers-sample", "daily_papers_2024-10-25_first3.json"), "utf8"),
) as Json[];

function typeOf(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/**
 * The shape every recorded item has: keys present in all of them (optional ones vary), with their
 * JSON types, descending into objects and into the first element of arrays.
 */
function requiredShape(values: Json[]): Record<string, unknown> | string {
  const types = new Set(values.map(typeOf));
  const [type] = types;
  if (types.size !== 1 || type === undefined) throw new Error(`mixed types in sample: ${[...types]}`);
  if (type === "array") {
    const elements = values.flatMap((value) => value as Json[]);
    return elements.length > 0 ? { "[]": requiredShape(elements) } : "array";
  }
  if (type !== "object") return type;
  const objects = values as { [key: string]: Json }[];
  const keys = Object.keys(objects[0] ?? {}).filter((key) => objects.every((object) => key in object));
  return Object.fromEntries(
    keys.map((key) => [key, requiredShape(objects.map((object) => object[key] as Json))]),
  );
}

describe("GET /api/daily_papers (Hugging Face-compatible)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp([
      makePaperInput({
        id: "2410.17243",
        title: "Breaking the\n  Memory Barrier",
        listingDay: "2024-10-25",
        upvotes: 64,
      }),
      makePaperInput({ id: "2410.16251", listingDay: "2024-10-25", upvotes: 80, authors: ["Canyu Chen"] }),
      makePaperInput({ id: "2410.18533", listingDay: "2024-10-24", upvotes: 5 }),
    ]);
  });
  afterAll(() => t.close());

  it("answers in the recorded sample's shape, field by field", async () => {
    const response = await t.app.inject("/api/daily_papers?date=2024-10-25");
    expect(response.statusCode).toBe(200);
    const items = response.json() as Json[];
    expect(items).toHaveLength(2);
    expect(requiredShape(items.slice(0, 1))).toMatchObject(requiredShape(SAMPLE) as object);
    const shapeOfSample = JSON.stringify(requiredShape(SAMPLE));
    expect(shapeOfSample).toContain('"discussionId":"string"');
    expect(shapeOfSample).toContain('"submittedBy"');
  });

  it("lists the day most upvoted first by default, newest first with sort=publishedAt, paged from 0", async () => {
    const trending = (await t.app.inject("/api/daily_papers?date=2024-10-25")).json();
    expect(trending.map((item: { paper: { id: string } }) => item.paper.id)).toEqual([
      "2410.16251",
      "2410.17243",
    ]);
    expect(trending[1].title).toBe("Breaking the Memory Barrier");
    expect(trending[1].paper.upvotes).toBe(64);
    expect(trending[0].paper.authors).toEqual([
      { _id: expect.stringMatching(/^[0-9a-f]{24}$/), name: "Canyu Chen", hidden: false },
    ]);
    expect(trending[0].thumbnail).toBe("http://localhost:80/thumbnails/2410.16251.svg");
    const second = (await t.app.inject("/api/daily_papers?date=2024-10-25&limit=1&p=1")).json();
    expect(second.map((item: { paper: { id: string } }) => item.paper.id)).toEqual(["2410.17243"]);
    const month = (await t.app.inject("/api/daily_papers?month=2024-10&sort=publishedAt")).json();
    expect(month).toHaveLength(3);
    const latest = (await t.app.inject("/api/daily_papers")).json();
    expect(latest).toHaveLength(2);
  });

  it("serves the thumbnail it links, with the title escaped", async () => {
    const response = await t.app.inject("/thumbnails/2410.17243.svg");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(response.body).toContain("Breaking the Memory Barrier");
    expect((await t.app.inject("/thumbnails/2410.99999.svg")).statusCode).toBe(404);
  });

  it("refuses bad periods and hostile input with JSON 400s, never a 5xx", async () => {
    expect((await t.app.inject("/api/daily_papers?date=2024-13-01")).statusCode).toBe(400);
    expect((await t.app.inject("/api/daily_papers?date=2024-10-25&week=2024-W43")).statusCode).toBe(400);
    expect((await t.app.inject("/api/daily_papers?p=-1")).statusCode).toBe(400);
    for (const text of HOSTILE_STRINGS) {
      const value = encodeURIComponent(text);
      const response = await t.app.inject(`/api/daily_papers?date=${value}&sort=${value}&p=${value}`);
      expect(response.statusCode).toBeLessThan(500);
      expect((await t.app.inject(`/thumbnails/${value}.svg`)).statusCode).toBeLessThan(500);
    }
  });
});
