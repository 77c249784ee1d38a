import { XMLValidator } from "fast-xml-parser";
import { parseArxivId } from "../../core/arxiv-id.js";
import type { PaperInput, PaperVersion } from "../../core/paper.js";
import { isoFromUtcDateTime } from "../dates.js";
import { draftOf } from "../formats/record-format.js";
import { normalisePaper } from "../normalise.js";
import { LineRejected } from "../record-fields.js";
import { attribute, createArxivXmlParser, isNode, nodeList, textOf, type XmlNode } from "./xml-parser.js";

/**
 * arXiv API (Atom) responses → PaperInputs, through the shared normaliser. Reads both the current
 * shape (https links, arxiv:primary_category first) and the 2016 one (namespaces declared per element):
 * namespace prefixes are dropped, so `arxiv:comment` and `<comment xmlns="…arxiv…">` read alike.
 */
export interface AtomPage {
  /** opensearch:totalResults: how many entries the whole query has. */
  totalResults: number;
  /** opensearch:startIndex: the 0-based position of this page's first entry. */
  startIndex: number;
  /** opensearch:itemsPerPage: the page size asked for. */
  itemsPerPage: number;
  /** Number of <entry> elements on this page, valid or not. */
  entryCount: number;
  papers: PaperInput[];
  /** Entries that could not be read, each with the reason; the rest of the page is kept. */
  rejected: RejectedEntry[];
}

export interface RejectedEntry {
  /** 1-based position on the page. */
  position: number;
  /** The entry's <id> text when it had one. */
  entryId: string | null;
  reason: string;
}

/** The API answered with an error entry (id …/api/errors#…), e.g. for a malformed id_list. */
export class ArxivApiError extends Error {
  override name = "ArxivApiError";
  constructor(
    /** The fragment of the error id, e.g. "incorrect_id_format_for_abc". */
    readonly code: string,
    message: string,
  ) {
    super(`arXiv API error: ${message}`);
  }
}

/** The body is not a well-formed Atom feed (a truncated download, an HTML error page). */
export class AtomFormatError extends Error {
  override name = "AtomFormatError";
}

const parser = createArxivXmlParser(["entry", "author", "category", "link"]);

export function parseAtomPage(xml: string): AtomPage {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new AtomFormatError(`malformed Atom XML at line ${valid.err.line}: ${valid.err.msg}`);
  }
  const document = parser.parse(xml) as XmlNode;
  const feed = document.feed;
  if (!isNode(feed)) throw new AtomFormatError("not an Atom feed: no <feed> element");

  const entries = nodeList(feed.entry);
  const error = entries.map(errorOf).find((found) => found !== null);
  if (error) throw error;

  const papers: PaperInput[] = [];
  const rejected: RejectedEntry[] = [];
  entries.forEach((entry, index) => {
    try {
      papers.push(normalisePaper(draftOfEntry(entry)));
    } catch (problem) {
      if (!(problem instanceof LineRejected)) throw problem;
      rejected.push({ position: index + 1, entryId: textOf(entry.id), reason: problem.message });
    }
  });
  return {
    totalResults: counter(feed.totalResults, "totalResults"),
    startIndex: counter(feed.startIndex, "startIndex"),
    itemsPerPage: counter(feed.itemsPerPage, "itemsPerPage"),
    entryCount: entries.length,
    papers,
    rejected,
  };
}

/** An error entry's id is https://arxiv.org/api/errors#<code>; its summary is the message. */
function errorOf(entry: XmlNode): ArxivApiError | null {
  const id = textOf(entry.id);
  if (id === null || !URL.canParse(id)) return null;
  const url = new URL(id);
  if (!url.pathname.endsWith("/api/errors")) return null;
  return new ArxivApiError(url.hash.slice(1), textOf(entry.summary) ?? textOf(entry.title) ?? id);
}

function draftOfEntry(entry: XmlNode) {
  const idText = textOf(entry.id);
  if (idText === null) throw new LineRejected("entry has no <id>");
  const arxivId = parseArxivId(idText);
  if (arxivId === null) throw new LineRejected(`entry id is not an arXiv abs URL: ${idText}`);

  const publishedText = textOf(entry.published);
  const publishedAt = publishedText === null ? null : isoFromUtcDateTime(publishedText, "published");
  const updatedText = textOf(entry.updated);
  // <published> dates v1; <updated> dates the version the entry describes (the latest).
  const versions: PaperVersion[] = [{ version: 1, createdAt: publishedAt }];
  const latest = arxivId.version ?? 1;
  if (latest > 1) {
    versions.push({
      version: latest,
      createdAt: updatedText === null ? null : isoFromUtcDateTime(updatedText, "updated"),
    });
  }

  const primary = isNode(entry.primary_category) ? attribute(entry.primary_category, "term") : null;
  const terms = nodeList(entry.category).map((category) => attribute(category, "term"));
  return draftOf({
    id: arxivId.id,
    title: textOf(entry.title) ?? "",
    abstract: textOf(entry.summary) ?? "",
    authors: nodeList(entry.author).map((author) => textOf(author.name) ?? ""),
    categories: [primary, ...terms].filter((term): term is string => term !== null),
    comments: textOf(entry.comment),
    journalRef: textOf(entry.journal_ref),
    doi: textOf(entry.doi),
    versions,
    publishedAt,
  });
}

function counter(value: unknown, field: string): number {
  const text = textOf(value);
  const number = text === null ? Number.NaN : Number(text);
  if (!Number.isInteger(number) || number < 0) {
    throw new AtomFormatError(`opensearch:${field} is not a whole number: ${text ?? "missing"}`);
  }
  return number;
}
