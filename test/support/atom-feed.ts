import { XMLBuilder } from "fast-xml-parser";

/**
 * Hand-made arXiv API (Atom) responses in the current shape, for tests that need pages the recordings
 * do not have (100+ ids, paging, damaged entries). Built with fast-xml-parser's builder, so text is
 * escaped like a real feed's.
 */
export interface AtomEntryFixture {
  /** Versioned id, e.g. "2501.00001v2"; "…/abs/" is put in front. */
  id: string;
  title?: string;
  summary?: string;
  authors?: string[];
  primaryCategory?: string;
  categories?: string[];
  published?: string;
  updated?: string;
}

export interface AtomFeedFixture {
  entries: AtomEntryFixture[];
  totalResults?: number;
  startIndex?: number;
  itemsPerPage?: number;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true });

export function atomFeed({ entries, totalResults, startIndex = 0, itemsPerPage }: AtomFeedFixture): string {
  const feed = {
    feed: {
      "@_xmlns": "http://www.w3.org/2005/Atom",
      "@_xmlns:opensearch": "http://a9.com/-/spec/opensearch/1.1/",
      "@_xmlns:arxiv": "http://arxiv.org/schemas/atom",
      id: "https://arxiv.org/api/fixture",
      title: "arXiv Query: fixture",
      updated: "2026-04-12T22:10:19Z",
      "opensearch:itemsPerPage": itemsPerPage ?? entries.length,
      "opensearch:totalResults": totalResults ?? entries.length,
      "opensearch:startIndex": startIndex,
      entry: entries.map(atomEntry),
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(feed) as string}`;
}

function atomEntry(entry: AtomEntryFixture): Record<string, unknown> {
  const primary = entry.primaryCategory ?? "cs.LG";
  const published = entry.published ?? "2025-01-02T10:00:00Z";
  return {
    id: `http://arxiv.org/abs/${entry.id}`,
    title: entry.title ?? `Paper ${entry.id}`,
    updated: entry.updated ?? published,
    link: [{ "@_href": `https://arxiv.org/abs/${entry.id}`, "@_rel": "alternate", "@_type": "text/html" }],
    summary: entry.summary ?? `The abstract of ${entry.id}.`,
    category: [primary, ...(entry.categories ?? [])].map((term) => ({ "@_term": term })),
    published,
    "arxiv:primary_category": { "@_term": primary },
    author: (entry.authors ?? ["Ada Lovelace"]).map((name) => ({ name })),
  };
}

/** A syntactically valid new-style id for test number n (2501.00001, 2501.00002, …). */
export function testArxivId(n: number): string {
  return `2501.${String(n).padStart(5, "0")}`;
}
