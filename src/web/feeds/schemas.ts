import { Type } from "@fastify/type-provider-typebox";
import { ErrorJson } from "../api/schemas.js";

/** The collection the documentation's example reads (the OpenAPI test creates it). */
export const EXAMPLE_COLLECTION_ID = "0f8e5b3c-2d4a-4c6e-9b1a-7e2f3d4c5b6a";

/** Shapes of the feeds' inputs; a mismatch becomes a JSON 400 through the feeds' error handler. */

const FeedFile = (examples: string[], description: string) =>
  Type.Object({ file: Type.String({ maxLength: 300, description, examples }) });

export const dailyFeedSchema = {
  summary: "The latest listed day's papers as a feed, most upvoted first (RSS 2.0 or Atom 1.0)",
};

export const trendingFeedSchema = {
  summary: "The trending papers (recent upvotes with time decay) as a feed (RSS 2.0 or Atom 1.0)",
};

export const collectionFeedSchema = {
  summary: "A public collection's papers, newest additions first, as RSS (.rss) or Atom (.atom)",
  params: FeedFile([`${EXAMPLE_COLLECTION_ID}.rss`], "The collection's id and the format"),
  response: { 404: ErrorJson },
};

export const categoryFeedSchema = {
  summary: "The newest 50 papers of an arXiv category or archive, as RSS (.rss) or Atom (.atom)",
  params: FeedFile(["cs.LG.rss", "math.atom"], "The category or archive code and the format"),
};

export const authorFeedSchema = {
  summary: "The newest 50 papers of an author (name words, accents ignored), as RSS or Atom",
  params: FeedFile(["Yann LeCun.rss"], "The author's name and the format"),
};

export const searchFeedSchema = {
  summary: "Any search as a feed, newest matches first unless sort says otherwise",
  querystring: Type.Object({
    q: Type.Optional(
      Type.String({ description: "The search box's syntax", examples: ["diffusion cat:cs.CV"] }),
    ),
    category: Type.Optional(Type.String()),
    author: Type.Optional(Type.String()),
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
    sort: Type.Optional(
      Type.Union([Type.Literal("relevance"), Type.Literal("date"), Type.Literal("upvotes")]),
    ),
  }),
};
