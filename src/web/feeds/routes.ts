import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { sendApiError, sendApiNotFound } from "../api/error-handler.js";
import { authorFeed } from "./author-feed.js";
import { categoryFeed } from "./category-feed.js";
import { collectionFeed } from "./collection-feed.js";
import { dailyFeed } from "./daily-feed.js";
import type { FeedDeps } from "./deps.js";
import {
  authorFeedSchema,
  categoryFeedSchema,
  collectionFeedSchema,
  dailyFeedSchema,
  searchFeedSchema,
  trendingFeedSchema,
} from "./schemas.js";
import { searchFeed } from "./search-feed.js";
import { trendingFeed } from "./trending-feed.js";

/** The feeds' route table (mounted under /feeds): RSS 2.0 and Atom 1.0 for each list. Errors answer in JSON. */
export const feedRoutes: FastifyPluginAsyncTypebox<FeedDeps> = async (app, deps) => {
  app.setErrorHandler(sendApiError);
  app.setNotFoundHandler(sendApiNotFound);

  app.get("/daily.rss", { schema: dailyFeedSchema("rss") }, dailyFeed("rss", deps));
  app.get("/daily.atom", { schema: dailyFeedSchema("atom") }, dailyFeed("atom", deps));
  app.get("/trending.rss", { schema: trendingFeedSchema("rss") }, trendingFeed("rss", deps));
  app.get("/trending.atom", { schema: trendingFeedSchema("atom") }, trendingFeed("atom", deps));
  app.get("/search.rss", { schema: searchFeedSchema("rss") }, searchFeed("rss", deps));
  app.get("/search.atom", { schema: searchFeedSchema("atom") }, searchFeed("atom", deps));
  app.get("/category/:file", { schema: categoryFeedSchema }, categoryFeed(deps));
  app.get("/author/:file", { schema: authorFeedSchema }, authorFeed(deps));
  const { collections } = deps;
  if (collections)
    app.get("/collection/:file", { schema: collectionFeedSchema }, collectionFeed(collections, deps));
};
