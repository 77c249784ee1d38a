import { XMLValidator } from "fast-xml-parser";
import { parseArxivId } from "../../core/arxiv-id.js";
import { isValidDay, newYorkDay } from "../../core/calendar.js";
import type { PaperInput } from "../../core/paper.js";
import { splitAuthorString } from "../author-names.js";
import { draftOf } from "../formats/record-format.js";
import { normalisePaper } from "../normalise.js";
import { LineRejected } from "../record-fields.js";
import { attribute, createArxivXmlParser, isNode, nodeList, textOf, type XmlNode } from "./xml-parser.js";

/**
 * arXiv's per-category announcement feeds (https://info.arxiv.org/help/rss.html), Atom
 * (rss.arxiv.org/atom/<category>) and RSS 2.0 (rss.arxiv.org/rss/<category>), read into papers through
 * the shared normaliser. One feed is one announcement day: the feed's <updated> (Atom) or <pubDate>
 * (RSS) dates it, as a New York day. On weekends and holidays arXiv serves the feed with no entries.
 */
export type AnnounceType = "new" | "cross" | "replace" | "replace-cross";

const ANNOUNCE_TYPES: readonly AnnounceType[] = ["new", "cross", "replace", "replace-cross"];

export interface Announcement {
  type: AnnounceType;
  /** The version announced: 1 for a new submission, the new version for a replacement. */
  version: number | null;
  paper: PaperInput;
}

export interface RejectedAnnouncement {
  /** 1-based position in the feed. */
  position: number;
  /** The entry's id/guid text when it had one. */
  entryId: string | null;
  reason: string;
}

export interface AnnouncementFeed {
  /** The announcement day (America/New_York); null only for an undated feed without entries. */
  day: string | null;
  /** Number of entries, valid or not; 0 on weekends and holidays. */
  entryCount: number;
  announcements: Announcement[];
  rejected: RejectedAnnouncement[];
}

/** The body is not a well-formed Atom or RSS feed (a truncated download, an HTML error page). */
export class FeedFormatError extends Error {
  override name = "FeedFormatError";
}

const parser = createArxivXmlParser(["entry", "item", "category", "link", "creator"]);

/** What an Atom entry and an RSS item have in common, before any checking. */
interface RawEntry {
  id: string | null;
  links: string[];
  title: string;
  description: string;
  creators: string[];
  categories: string[];
  announceType: string | null;
  rights: string | null;
}

export function parseAnnouncementFeed(xml: string): AnnouncementFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new FeedFormatError(`malformed feed XML at line ${valid.err.line}: ${valid.err.msg}`);
  }
  const document = parser.parse(xml) as XmlNode;
  const { dateText, entries } = readDocument(document);
  const day = dateText === null ? null : announcementDay(dateText);
  if (day === null && entries.length > 0) throw new FeedFormatError("feed has entries but no date");

  const announcements: Announcement[] = [];
  const rejected: RejectedAnnouncement[] = [];
  entries.forEach((entry, index) => {
    try {
      announcements.push(announcementOf(entry));
    } catch (problem) {
      if (!(problem instanceof LineRejected)) throw problem;
      rejected.push({ position: index + 1, entryId: entry.id, reason: problem.message });
    }
  });
  return { day, entryCount: entries.length, announcements, rejected };
}

function readDocument(document: XmlNode): { dateText: string | null; entries: RawEntry[] } {
  if (isNode(document.feed)) {
    const feed = document.feed;
    return { dateText: textOf(feed.updated), entries: nodeList(feed.entry).map(atomEntry) };
  }
  const channel = isNode(document.rss) ? document.rss.channel : undefined;
  if (isNode(channel)) {
    return {
      dateText: textOf(channel.pubDate) ?? textOf(channel.lastBuildDate),
      entries: nodeList(channel.item).map(rssItem),
    };
  }
  throw new FeedFormatError("neither an Atom <feed> nor an RSS <rss><channel>");
}

function atomEntry(entry: XmlNode): RawEntry {
  return {
    id: textOf(entry.id),
    links: nodeList(entry.link)
      .map((link) => attribute(link, "href"))
      .filter((href): href is string => href !== null),
    title: textOf(entry.title) ?? "",
    description: textOf(entry.summary) ?? "",
    creators: texts(entry.creator),
    categories: nodeList(entry.category)
      .map((category) => attribute(category, "term"))
      .filter((term): term is string => term !== null),
    announceType: textOf(entry.announce_type),
    rights: textOf(entry.rights),
  };
}

function rssItem(item: XmlNode): RawEntry {
  return {
    id: textOf(item.guid),
    links: texts(item.link),
    title: textOf(item.title) ?? "",
    description: textOf(item.description) ?? "",
    creators: texts(item.creator),
    categories: texts(item.category),
    announceType: textOf(item.announce_type),
    rights: textOf(item.rights),
  };
}

/** "arXiv:2509.09672v1 Announce Type: new \nAbstract: …": a regex on the text, not on XML. */
const DESCRIPTION = /^\s*arXiv:(\S+)\s+Announce Type:\s*(\S+)\s+Abstract:\s*([\s\S]*)$/;

function announcementOf(entry: RawEntry): Announcement {
  const described = DESCRIPTION.exec(entry.description);
  const idText = entry.id?.replace(/^oai:arXiv\.org:/i, "") ?? described?.[1] ?? entry.links[0] ?? null;
  if (idText === null) throw new LineRejected("entry has no id, guid or link");
  const arxivId = parseArxivId(idText);
  if (arxivId === null) throw new LineRejected(`not an arXiv id: ${idText}`);

  const typeText = entry.announceType ?? described?.[2] ?? null;
  const type = ANNOUNCE_TYPES.find((known) => known === typeText?.trim());
  if (type === undefined) throw new LineRejected(`unknown announce type: ${typeText ?? "missing"}`);

  const paper = normalisePaper(
    draftOf({
      // With its version, so the normaliser records the version announced.
      id: idText,
      title: entry.title,
      abstract: described ? (described[3] ?? "") : entry.description,
      authors: entry.creators.flatMap(splitAuthorString),
      categories: entry.categories,
      license: entry.rights,
    }),
  );
  return { type, version: arxivId.version, paper };
}

/** ISO 8601 with an offset and any number of fractional digits ("2025-09-12T04:00:00.000000+00:00"). */
const ISO_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})$/;
/** RFC 822/2822 as RSS spells it ("Fri, 12 Sep 2025 00:00:00 -0400"). */
const RFC_2822 =
  /^(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UTC|[+-]\d{4})$/;

/** The New York calendar day of the feed's date; arXiv dates its announcements in New York time. */
export function announcementDay(text: string): string {
  const trimmed = text.trim();
  const iso = ISO_WITH_OFFSET.exec(trimmed);
  let instant: Date;
  if (iso) {
    // Date would roll 2025-02-30 over to March.
    if (!isValidDay(iso[1]!.slice(0, 10))) throw new FeedFormatError(`feed date is not a real day: ${text}`);
    // Date parsing wants milliseconds: keep three fractional digits.
    const millis = (iso[2] ?? "").padEnd(3, "0").slice(0, 3);
    instant = new Date(`${iso[1]}.${millis}${iso[3]}`);
  } else if (RFC_2822.test(trimmed)) {
    instant = new Date(trimmed);
  } else {
    throw new FeedFormatError(`feed date is neither ISO 8601 nor RFC 2822: ${text}`);
  }
  if (Number.isNaN(instant.getTime())) throw new FeedFormatError(`feed date is not a real instant: ${text}`);
  return newYorkDay(instant);
}

/** The non-empty texts of a repeated element. */
function texts(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [];
  return items.map(textOf).filter((text): text is string => text !== null);
}
