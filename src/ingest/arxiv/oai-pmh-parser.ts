import { normaliseArxivId } from "../../core/arxiv-id.js";
import type { PaperInput } from "../../core/paper.js";
import { normalisePaper } from "../normalise.js";
import { LineRejected } from "../record-fields.js";
import { draftFromMetadata, type OaiMetadataPrefix } from "./oai-pmh-records.js";
import {
  attributeOf,
  elementOf,
  listOf,
  MalformedResponse,
  parseXml,
  textOf,
  type XmlElement,
} from "./oai-pmh-xml.js";

/**
 * OAI-PMH 2.0 responses (http://www.openarchives.org/OAI/openarchivesprotocol.html) to ListRecords and
 * GetRecord: the records of one page, each normalised into a PaperInput or reported, the resumption
 * token, or the protocol errors the repository answered with.
 */
export type { OaiMetadataPrefix } from "./oai-pmh-records.js";
export { MalformedResponse } from "./oai-pmh-xml.js";

export interface OaiRecordHeader {
  /** "oai:arXiv.org:1706.05371". */
  identifier: string;
  /** Day (YYYY-MM-DD) the record last changed in the repository; arXiv's granularity is days. */
  datestamp: string;
  setSpecs: string[];
}

export type OaiRecord =
  | { status: "paper"; header: OaiRecordHeader; paper: PaperInput }
  /** Withdrawn from the repository: reported, never stored. */
  | { status: "deleted"; header: OaiRecordHeader }
  /** Not storable; the rest of the page is unaffected. */
  | { status: "rejected"; identifier: string; reason: string };

export interface ResumptionToken {
  /** null on the last page of a list (the token element is present but empty). */
  token: string | null;
  completeListSize: number | null;
  cursor: number | null;
}

/** Codes defined by the protocol (section 3.6); a repository may answer with several at once. */
export type OaiErrorCode =
  | "badArgument"
  | "badResumptionToken"
  | "badVerb"
  | "cannotDisseminateFormat"
  | "idDoesNotExist"
  | "noRecordsMatch"
  | "noMetadataFormats"
  | "noSetHierarchy";

export interface OaiError {
  /** One of OaiErrorCode from a conforming repository; kept as sent otherwise. */
  code: string;
  message: string;
}

export type OaiResponse =
  | { kind: "records"; responseDate: string; records: OaiRecord[]; resumption: ResumptionToken | null }
  | { kind: "error"; responseDate: string; errors: OaiError[] };

const DATESTAMP = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}Z)?$/;
const OAI_IDENTIFIER_PREFIX = "oai:arXiv.org:";

function headerOf(record: XmlElement): OaiRecordHeader {
  const header = elementOf(record.header);
  if (header === null) throw new LineRejected("no <header>");
  const identifier = textOf(header.identifier)?.trim() ?? "";
  if (identifier === "") throw new LineRejected("no <identifier> in the header");
  const datestamp = textOf(header.datestamp)?.trim() ?? "";
  if (!DATESTAMP.test(datestamp)) throw new LineRejected(`invalid <datestamp> ${JSON.stringify(datestamp)}`);
  const setSpecs = listOf(header.setSpec).flatMap((spec) => textOf(spec)?.trim() || []);
  return { identifier, datestamp: datestamp.slice(0, 10), setSpecs };
}

function isDeleted(record: XmlElement): boolean {
  return attributeOf(record.header, "status") === "deleted";
}

/** The id an identifier names ("oai:arXiv.org:hep-th/9901001" → "hep-th/9901001"), when it is one. */
export function idOfIdentifier(identifier: string): string | null {
  const local = identifier.startsWith(OAI_IDENTIFIER_PREFIX)
    ? identifier.slice(OAI_IDENTIFIER_PREFIX.length)
    : identifier;
  return normaliseArxivId(local);
}

function readRecord(value: unknown, prefix: OaiMetadataPrefix): OaiRecord {
  const record = elementOf(value) ?? {};
  const identifier = textOf(elementOf(record.header)?.identifier)?.trim() || "(no identifier)";
  try {
    const header = headerOf(record);
    if (isDeleted(record)) return { status: "deleted", header };
    const metadata = elementOf(record.metadata);
    if (metadata === null) throw new LineRejected("no <metadata>");
    const paper = normalisePaper(draftFromMetadata(metadata, prefix));
    // A record whose header and metadata disagree is damaged; storing it could overwrite another paper.
    const headerId = idOfIdentifier(header.identifier);
    if (headerId !== paper.id) {
      throw new LineRejected(`header identifier ${header.identifier} does not match metadata id ${paper.id}`);
    }
    return { status: "paper", header, paper };
  } catch (error) {
    if (error instanceof LineRejected) return { status: "rejected", identifier, reason: error.message };
    throw error;
  }
}

function count(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value);
}

export function resumptionOf(list: XmlElement): ResumptionToken | null {
  const element = list.resumptionToken;
  if (element === undefined) return null;
  const token = textOf(element)?.trim() ?? "";
  return {
    token: token === "" ? null : token,
    completeListSize: count(attributeOf(element, "completeListSize")),
    cursor: count(attributeOf(element, "cursor")),
  };
}

/** "badArgument (Illegal argument: set=nonsense); noSetHierarchy", as messages quote an answer. */
export function describeOaiErrors(errors: OaiError[]): string {
  return errors.map((error) => `${error.code}${error.message ? ` (${error.message})` : ""}`).join("; ");
}

export function errorsOf(root: XmlElement): OaiError[] {
  return listOf(root.error).map((error) => ({
    code: attributeOf(error, "code") ?? "unknown",
    message: textOf(error)?.trim() ?? "",
  }));
}

/**
 * Parses one response body. Throws MalformedResponse when the body is not well-formed XML or not an
 * OAI-PMH ListRecords/GetRecord answer: such a page is fetched again, never partly stored.
 */
export function parseOaiResponse(xml: string, prefix: OaiMetadataPrefix): OaiResponse {
  const root = elementOf(parseXml(xml)["OAI-PMH"]);
  if (root === null) throw new MalformedResponse("not an OAI-PMH response (no <OAI-PMH> root element)");
  const responseDate = textOf(root.responseDate)?.trim() ?? "";
  const errors = errorsOf(root);
  if (errors.length > 0) return { kind: "error", responseDate, errors };

  const list = elementOf(root.ListRecords) ?? elementOf(root.GetRecord);
  if (list === null)
    throw new MalformedResponse("neither <ListRecords>, <GetRecord> nor <error> in the response");
  return {
    kind: "records",
    responseDate,
    records: listOf(list.record).map((record) => readRecord(record, prefix)),
    resumption: resumptionOf(list),
  };
}
