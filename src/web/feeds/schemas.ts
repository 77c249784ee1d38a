import { type Static, Type } from "@fastify/type-provider-typebox";
import { ErrorJson } from "../api/schemas.js";
import { DOCUMENTED_EXAMPLES } from "../api-examples.js";
import type { FeedFormat } from "./feed-file.js";

/** Shapes of the feeds' inputs; a mismatch becomes a JSON 400 through the feeds' error handler. */

const FeedFile = (examples: string[], description: string) =>
  Type.Object({ file: Type.String({ maxLength: 300, description, examples }) });

const DOCUMENTS: Record<FeedFormat, Record<string, { schema: object }>> = {
  rss: { "application/rss+xml": { schema: { type: "string", description: "An RSS 2.0 document" } } },
  atom: { "application/atom+xml": { schema: { type: "string", description: "An Atom 1.0 document" } } },
};

/**
 * What a feed answers: the document in its format (either, for the addresses whose extension picks
 * it), 304 without a body for a reader whose copy is current, and the JSON errors it can give.
 */
function feedResponses(formats: FeedFormat[], errors: (400 | 404)[]) {
  return {
    200: { description: "The feed", content: Object.assign({}, ...formats.map((f) => DOCUMENTS[f])) },
    304: { description: "The reader's copy is current (its If-None-Match names the ETag)", type: "null" },
    ...Object.fromEntries(errors.map((status) => [status, ErrorJson])),
  };
}
const BOTH: FeedFormat[] = ["rss", "atom"];

export const dailyFeedSchema = (format: FeedFormat) => ({
  summary: "The latest listed day's papers as a feed, most upvoted first (RSS 2.0 or Atom 1.0)",
  response: feedResponses([format], []),
});

export const trendingFeedSchema = (format: FeedFormat) => ({
  summary: "The trending papers (recent upvotes with time decay) as a feed (RSS 2.0 or Atom 1.0)",
  response: feedResponses([format], []),
});

export const collectionFeedSchema = {
  summary: "A public collection's papers, newest additions first, as RSS (.rss) or Atom (.atom)",
  params: FeedFile([`${DOCUMENTED_EXAMPLES.collectionId}.rss`], "The collection's id and the format"),
  response: feedResponses(BOTH, [400, 404]),
};

export const categoryFeedSchema = {
  summary: "The newest 50 papers of an arXiv category or archive, as RSS (.rss) or Atom (.atom)",
  params: FeedFile(["cs.LG.rss", "math.atom"], "The category or archive code and the format"),
  response: feedResponses(BOTH, [400, 404]),
};

export const authorFeedSchema = {
  summary: "The newest 50 papers of an author (name words, accents ignored), as RSS or Atom",
  params: FeedFile(["Yann LeCun.rss"], "The author's name and the format"),
  response: feedResponses(BOTH, [400]),
};

const SearchFeedQuery = Type.Object({
  q: Type.Optional(
    Type.String({ description: "The search box's syntax", examples: ["diffusion cat:cs.CV"] }),
  ),
  category: Type.Optional(Type.String()),
  author: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  sort: Type.Optional(Type.Union([Type.Literal("relevance"), Type.Literal("date"), Type.Literal("upvotes")])),
  mode: Type.Optional(
    Type.Union([Type.Literal("lexical"), Type.Literal("semantic"), Type.Literal("hybrid")], {
      description: "As on the search page: which papers the search finds (default hybrid)",
    }),
  ),
});
export type SearchFeedQuery = Static<typeof SearchFeedQuery>;

export const searchFeedSchema = (format: FeedFormat) => ({
  summary: "Any search as a feed, newest matches first unless sort says otherwise",
  querystring: SearchFeedQuery,
  response: feedResponses([format], [400]),
});
