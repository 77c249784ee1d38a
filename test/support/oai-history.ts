import { XMLBuilder } from "fast-xml-parser";

/**
 * A hand-made arXiv history for end-to-end ingest tests: the OAI-PMH repository (ListRecords in the
 * `arXiv` metadata format, paged by resumption tokens) and the per-category announcement feeds (Atom),
 * both generated from one list of records. No recorded paged OAI-PMH list or announcement feed exists
 * (see the READMEs under test/ingest/fixtures/), so the shapes follow the documentation: OAI-PMH 2.0
 * (openarchives.org/OAI/openarchivesprotocol.html), arXiv's OAI schema (arxiv.org/OAI/arXiv.xsd) and
 * arXiv's feed specification (info.arxiv.org/help/rss_specifications.html), like the hand-written
 * fixtures under test/ingest/fixtures/.
 *
 * The repository is a function of the day: a record is visible from its datestamp on, and a later
 * record with the same id (a replacement) supersedes it, as arXiv re-stamps a paper when it changes.
 */
export interface HistoryRecord {
  /** New-style id without version. */
  id: string;
  /** The day the repository stamped this state of the record. */
  datestamp: string;
  /** Setspecs (archives), e.g. ["cs"]. */
  sets: string[];
  /** v1 submission day. */
  created: string;
  /** Day of the latest version, for replaced papers. */
  updated?: string;
  /** null: the record has no <title> (an invalid record the harvest must report and skip). */
  title: string | null;
  abstract: string;
  /** [forenames, keyname] per author. */
  authors: [string, string][];
  /** Primary first. */
  categories: string[];
}

export type AnnounceType = "new" | "cross" | "replace" | "replace-cross";

export interface FeedEntry {
  record: HistoryRecord;
  version: number;
  type: AnnounceType;
}

/** A ListRecords request's page: its range and the offset of its first record. */
interface ListPosition {
  set: string | null;
  from: string | null;
  until: string | null;
  cursor: number;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true });
const OAI_ROOT_ATTRIBUTES = {
  "@_xmlns": "http://www.openarchives.org/OAI/2.0/",
  "@_xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
  "@_xsi:schemaLocation":
    "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd",
};
const ARXIV_BASE = "https://oaipmh.arxiv.org/oai";

function xmlDocument(tree: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(tree) as string}`;
}

/** An OAI-PMH protocol error answer (noRecordsMatch, badResumptionToken, …). */
export function oaiErrorBody(code: string, message: string): string {
  return xmlDocument({
    "OAI-PMH": {
      ...OAI_ROOT_ATTRIBUTES,
      responseDate: "2025-09-15T00:00:00Z",
      request: { "@_verb": "ListRecords", "#text": ARXIV_BASE },
      error: { "@_code": code, "#text": message },
    },
  });
}

/**
 * Resumption tokens are opaque to the harvester; these carry the list's range and the next cursor
 * ("cs|2025-09-08|2025-09-09|8"), so the repository needs no state to serve the next page.
 */
function encodeToken({ set, from, until, cursor }: ListPosition): string {
  return [set ?? "", from ?? "", until ?? "", String(cursor)].join("|");
}

function decodeToken(token: string): ListPosition | null {
  const parts = token.split("|");
  if (parts.length !== 4 || !/^\d+$/.test(parts[3]!)) return null;
  const [set, from, until] = parts.map((part) => (part === "" ? null : part));
  return { set: set ?? null, from: from ?? null, until: until ?? null, cursor: Number(parts[3]) };
}

export class OaiHistory {
  constructor(
    private readonly records: readonly HistoryRecord[],
    readonly pageSize: number,
  ) {}

  /** 1-based page a ListRecords request asks for; null when its token is not one this repository issued. */
  pageNumberOf(query: URLSearchParams): number | null {
    const position = this.positionOf(query);
    return position === null ? null : position.cursor / this.pageSize + 1;
  }

  /** The records the repository holds on `today`: each id's latest state stamped on or before it. */
  snapshot(today: string): HistoryRecord[] {
    const latest = new Map<string, HistoryRecord>();
    for (const record of this.records) {
      if (record.datestamp > today) continue;
      const known = latest.get(record.id);
      if (!known || known.datestamp <= record.datestamp) latest.set(record.id, record);
    }
    return [...latest.values()].sort(
      (a, b) => a.datestamp.localeCompare(b.datestamp) || a.id.localeCompare(b.id),
    );
  }

  /** The answer to one ListRecords request, as the repository gives it on `today`. */
  listRecords(query: URLSearchParams, today: string): string {
    const position = this.positionOf(query);
    if (position === null) {
      return oaiErrorBody(
        "badResumptionToken",
        "The value of the resumptionToken argument is invalid or expired.",
      );
    }
    const { set, from, until, cursor } = position;
    const matching = this.snapshot(today).filter(
      (record) =>
        (set === null || record.sets.includes(set)) &&
        (from === null || record.datestamp >= from) &&
        (until === null || record.datestamp <= until),
    );
    if (matching.length === 0) return oaiErrorBody("noRecordsMatch", "No records match the request.");

    const page = matching.slice(cursor, cursor + this.pageSize);
    const next = cursor + this.pageSize;
    const listSize = { "@_cursor": String(cursor), "@_completeListSize": String(matching.length) };
    // A list that fits one page has no token; the last page of a longer one has an empty token.
    const resumptionToken =
      matching.length <= this.pageSize
        ? undefined
        : next < matching.length
          ? { ...listSize, "#text": encodeToken({ ...position, cursor: next }) }
          : listSize;
    return xmlDocument({
      "OAI-PMH": {
        ...OAI_ROOT_ATTRIBUTES,
        responseDate: `${today}T00:00:00Z`,
        request: { "@_verb": "ListRecords", "@_metadataPrefix": "arXiv", "#text": ARXIV_BASE },
        ListRecords: { record: page.map(oaiRecord), resumptionToken },
      },
    });
  }

  private positionOf(query: URLSearchParams): ListPosition | null {
    const token = query.get("resumptionToken");
    if (token !== null) return decodeToken(token);
    return { set: query.get("set"), from: query.get("from"), until: query.get("until"), cursor: 0 };
  }
}

function oaiRecord(record: HistoryRecord): Record<string, unknown> {
  return {
    header: {
      identifier: `oai:arXiv.org:${record.id}`,
      datestamp: record.datestamp,
      setSpec: record.sets,
    },
    metadata: {
      arXiv: {
        "@_xmlns": "http://arxiv.org/OAI/arXiv/",
        id: record.id,
        created: record.created,
        ...(record.updated ? { updated: record.updated } : {}),
        authors: { author: record.authors.map(([forenames, keyname]) => ({ keyname, forenames })) },
        ...(record.title === null ? {} : { title: record.title }),
        categories: record.categories.join(" "),
        license: "http://creativecommons.org/licenses/by/4.0/",
        abstract: record.abstract,
      },
    },
  };
}

/**
 * A category's announcement feed for one day, dated at midnight New York time (EDT in September) as
 * arXiv dates it; no entries on weekends and holidays.
 */
export function announcementFeed(category: string, day: string, entries: readonly FeedEntry[]): string {
  const updated = `${day}T04:00:00.000000+00:00`;
  return xmlDocument({
    feed: {
      "@_xmlns": "http://www.w3.org/2005/Atom",
      "@_xmlns:arxiv": "http://arxiv.org/schemas/atom",
      "@_xmlns:dc": "http://purl.org/dc/elements/1.1/",
      id: `http://rss.arxiv.org/atom/${category}`,
      title: `${category} updates on arXiv.org`,
      updated,
      link: {
        "@_href": `http://rss.arxiv.org/atom/${category}`,
        "@_rel": "self",
        "@_type": "application/atom+xml",
      },
      entry: entries.map(({ record, version, type }) => ({
        id: `oai:arXiv.org:${record.id}v${version}`,
        title: record.title ?? "",
        updated,
        link: { "@_href": `https://arxiv.org/abs/${record.id}`, "@_rel": "alternate", "@_type": "text/html" },
        summary: `arXiv:${record.id}v${version} Announce Type: ${type} \nAbstract: ${record.abstract}`,
        category: record.categories.map((term) => ({
          "@_term": term,
          "@_scheme": "http://arxiv.org/schemas/atom",
        })),
        published: `${day}T00:00:00-04:00`,
        "arxiv:announce_type": type,
        "dc:rights": "http://creativecommons.org/licenses/by/4.0/",
        "dc:creator": record.authors.map(([forenames, keyname]) => `${forenames} ${keyname}`).join(", "),
      })),
    },
  });
}
