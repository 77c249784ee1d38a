import { XMLParser } from "fast-xml-parser";

/**
 * The one XML reading setup for every arXiv response (Atom API, OAI-PMH, announcement feeds), so they
 * all decode text the same way. `repeated` names the elements that are lists even when one appears.
 */
export function createArxivXmlParser(repeated: readonly string[]): XMLParser {
  const lists = new Set(repeated);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    // arXiv's elements live in several namespaces (atom:, arxiv:, dc:, OAI's default); a prefixed
    // spelling reads the same as a plain one.
    removeNSPrefix: true,
    // Keep every value a string: "1706.05371" is an id and "1e5" a title, not numbers.
    parseTagValue: false,
    parseAttributeValue: false,
    // Numeric character references (&#233;) are XML, not HTML; this option is what decodes them.
    htmlEntities: true,
    // Callbacks get a matcher instead of a path string built for every element (~15% faster).
    jPath: false,
    isArray: (name) => lists.has(name),
  });
}

/** An element as fast-xml-parser gives it: child names, "@_attribute" keys and "#text". */
export type XmlNode = Record<string, unknown>;

export function isNode(value: unknown): value is XmlNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The elements of a repeated child (see `repeated` above); absent reads as none. */
export function nodeList(value: unknown): XmlNode[] {
  return Array.isArray(value) ? value.filter(isNode) : [];
}

/** The text of an element, whether it has attributes (`{"#text": …}`) or not; null when absent or empty. */
export function textOf(value: unknown): string | null {
  const text = isNode(value) ? value["#text"] : value;
  if (typeof text !== "string" || text.trim() === "") return null;
  return text;
}

/** An attribute's value; null when absent or empty. */
export function attribute(node: XmlNode, name: string): string | null {
  const value = node[`@_${name}`];
  return typeof value === "string" && value !== "" ? value : null;
}
