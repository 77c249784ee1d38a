import { XMLValidator } from "fast-xml-parser";
import { createArxivXmlParser } from "./xml-parser.js";

/**
 * The XML layer under the OAI-PMH parser: fast-xml-parser with the settings OAI-PMH needs, plus typed
 * reads of the tree it builds (text-only elements come back as strings, others as objects; attributes
 * are "@_name" keys and an element's own text is "#text").
 */
export interface XmlElement {
  [name: string]: unknown;
}

/** The body is not well-formed XML (a truncated page, say) or not the expected document; fetch it again. */
export class MalformedResponse extends Error {
  override name = "MalformedResponse";
}

/** Elements that may repeat, read as lists even when a response holds just one. */
const REPEATED = ["record", "error", "setSpec", "author", "affiliation", "version"];

const parser = createArxivXmlParser(REPEATED);

/** Parses a whole document; throws MalformedResponse when it is not well-formed (the parser alone accepts a truncated body). */
export function parseXml(xml: string): XmlElement {
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw new MalformedResponse(`not well-formed XML (line ${line}, column ${col}): ${msg}`);
  }
  const document: unknown = parser.parse(xml);
  return isElement(document) ? document : {};
}

export function isElement(value: unknown): value is XmlElement {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The element's own text; "" for an empty element, null when the element is absent. */
export function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  if (isElement(value)) {
    const text = value["#text"];
    return typeof text === "string" ? text : "";
  }
  return null;
}

export function attributeOf(value: unknown, name: string): string | null {
  if (!isElement(value)) return null;
  const attribute = value[`@_${name}`];
  return typeof attribute === "string" ? attribute : null;
}

/** A child element as an object (an empty or text-only one reads as {}); null when absent. */
export function elementOf(value: unknown): XmlElement | null {
  if (value === undefined || value === null) return null;
  return isElement(value) ? value : {};
}

/** The occurrences of a repeated element (see REPEATED), absent reading as none. */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
