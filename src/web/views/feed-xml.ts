import { XMLBuilder } from "fast-xml-parser";
import type { FeedModel } from "../presenters/paper-feed.js";
import { renderFeedItemContent } from "./feed-item-content.js";

/**
 * Characters XML 1.0 has no place for (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone
 * surrogates), which no escape can write either: one in a title or a collection's name would make the
 * whole feed unreadable, so they are left out.
 */
const NOT_XML_CHARACTER = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xmlCharacters(_name: string, value: unknown): unknown {
  return typeof value === "string" ? value.replace(NOT_XML_CHARACTER, "") : value;
}

/**
 * RSS 2.0 and Atom 1.0 documents from one feed model, written by fast-xml-parser's builder, which
 * escapes every text and attribute value after dropping what XML cannot hold. Authors are dc:creator
 * in RSS (its own <author> must be an email address); both formats link the paper page, its PDF and
 * the abstract as content.
 */
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  format: true,
  suppressEmptyNode: true,
  // isPermaLink="true" must keep its value: a bare attribute is not well-formed XML.
  suppressBooleanAttributes: false,
  tagValueProcessor: xmlCharacters,
  attributeValueProcessor: xmlCharacters,
});

const ARXIV_TAXONOMY = "https://arxiv.org/category_taxonomy";

export function renderRss(feed: FeedModel): string {
  const document = {
    "?xml": { "@version": "1.0", "@encoding": "utf-8" },
    rss: {
      "@version": "2.0",
      "@xmlns:atom": "http://www.w3.org/2005/Atom",
      "@xmlns:dc": "http://purl.org/dc/elements/1.1/",
      "@xmlns:content": "http://purl.org/rss/1.0/modules/content/",
      channel: {
        title: feed.title,
        link: feed.pageUrl,
        description: feed.description,
        "atom:link": { "@href": feed.rssUrl, "@rel": "self", "@type": "application/rss+xml" },
        lastBuildDate: feed.updated.toUTCString(),
        generator: "PaperPulse",
        item: feed.items.map((item) => ({
          title: item.title,
          link: item.link,
          guid: { "@isPermaLink": "true", "#text": item.id },
          pubDate: item.published.toUTCString(),
          description: item.abstract,
          "content:encoded": renderFeedItemContent(item),
          "dc:creator": item.authors,
          category: item.categories.map((code) => ({ "@domain": ARXIV_TAXONOMY, "#text": code })),
        })),
      },
    },
  };
  return builder.build(document);
}

export function renderAtom(feed: FeedModel): string {
  const document = {
    "?xml": { "@version": "1.0", "@encoding": "utf-8" },
    feed: {
      "@xmlns": "http://www.w3.org/2005/Atom",
      id: feed.atomUrl,
      title: feed.title,
      subtitle: feed.description,
      updated: feed.updated.toISOString(),
      link: [
        { "@rel": "self", "@type": "application/atom+xml", "@href": feed.atomUrl },
        { "@rel": "alternate", "@type": "text/html", "@href": feed.pageUrl },
      ],
      // Entries without author names (some sources give none) inherit this one, as Atom requires.
      author: { name: "PaperPulse" },
      generator: "PaperPulse",
      entry: feed.items.map((item) => ({
        id: item.id,
        title: item.title,
        link: [
          { "@rel": "alternate", "@type": "text/html", "@href": item.link },
          { "@rel": "related", "@type": "application/pdf", "@href": item.pdfLink },
        ],
        published: item.published.toISOString(),
        updated: item.updated.toISOString(),
        author: item.authors.map((name) => ({ name })),
        category: item.categories.map((code) => ({ "@term": code, "@scheme": ARXIV_TAXONOMY })),
        summary: item.abstract,
        content: { "@type": "html", "#text": renderFeedItemContent(item) },
      })),
    },
  };
  return builder.build(document);
}
