import fastifyFormbody from "@fastify/formbody";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from "fastify";
import { DEFAULT_FUSION, type FusionSettings } from "../search/fusion.js";
import { SearchService, type SemanticSearch } from "../search/search-service.js";
import type { PaperStore } from "../store/store.js";
import { communityApiRoutes } from "./api/community/routes.js";
import { errorJson } from "./api/error-handler.js";
import { apiRoutes, healthRoutes } from "./api/routes.js";
import { installAuth } from "./auth/auth-plugin.js";
import { withRole } from "./auth/require.js";
import { type CommunityOptions, communityServices } from "./community-options.js";
import { type DigestOptions, digestServices } from "./digest-options.js";
import { describeError } from "./errors.js";
import { feedRoutes } from "./feeds/routes.js";
import { registerOpenApi } from "./openapi.js";
import { PageCache } from "./page-cache.js";
import { accountPageRoutes } from "./pages/account/routes.js";
import { collectionPageRoutes } from "./pages/collections/routes.js";
import { communityPageRoutes } from "./pages/community/routes.js";
import { digestPageRoutes, digestUnavailableRoutes } from "./pages/digest/routes.js";
import { pageRoutes } from "./pages/routes.js";
import { sendHtml } from "./pages/send-html.js";
import { ApiExamplesService } from "./services/api-examples-service.js";
import { HealthService } from "./services/health-service.js";
import { IngestHealthService } from "./services/ingest-health-service.js";
import { PaperService } from "./services/paper-service.js";
import { VisitorService } from "./services/visitor-service.js";
import { staticAssets } from "./static-assets.js";
import { renderErrorPage } from "./views/error-page.js";
import { setSiteFeatures } from "./views/site-features.js";

export interface AppOptions {
  store: PaperStore;
  logger?: FastifyServerOptions["logger"];
  /** Log every request and response (off by default: two log lines per request cost a lot of throughput). */
  logRequests?: boolean;
  /** How long a rendered page may be served again; 0 renders every request. */
  pageCacheTtlMs?: number;
  /** The address readers use (for absolute links in feeds); default: each request's own Host. */
  publicUrl?: string | null;
  /** The model and its vector index; without them search is lexical only. */
  semantic?: SemanticSearch | null;
  fusion?: FusionSettings;
  /** Accounts, votes and the rest of the community; without it (some tests) the site is read-only and anonymous. */
  community?: CommunityOptions | null;
  /** Reverse proxies whose forwarded headers are believed (proxy-addr list, comma-separated); "" none. */
  trustProxy?: string;
  /** Email digests; without them the subscribe form is not shown and /digest/* says they are unavailable. */
  digest?: DigestOptions | null;
}

const DEFAULT_PAGE_CACHE_TTL_MS = 5_000;

/** Errors Fastify raises before routing (a malformed URL): answered in the surface's own format. */
function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { statusCode, code, message } = describeError(error);
  if (request.url.startsWith("/api/") || request.url.startsWith("/feeds/")) {
    return reply.status(statusCode).send(errorJson(code, message));
  }
  return sendHtml(reply, renderErrorPage(statusCode, message), statusCode);
}

/** The whole web application, ready to inject() or listen(); the caller owns the store's lifetime. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new LogController({ disableRequestLogging: !options.logRequests }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
    frameworkErrors: sendFrameworkError,
    trustProxy: options.trustProxy || false,
    // Ajv's default strictNumbers skips minimum/maximum for non-finite numbers, and query strings
    // coerce "Infinity" and "1e400" to them: off, the bounds refuse them.
    ajv: { customOptions: { strictNumbers: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const papers = new PaperService(options.store);
  const ingestHealth = new IngestHealthService(options.store);
  const search = new SearchService(options.store, options.semantic ?? null, options.fusion ?? DEFAULT_FUSION);
  const cache = new PageCache(options.pageCacheTtlMs ?? DEFAULT_PAGE_CACHE_TTL_MS);

  await registerOpenApi(app);
  app.decorateRequest("viewer", null);
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
  await app.register(staticAssets);
  const publicUrl = options.publicUrl ?? null;
  const { semantic } = options;
  const model = semantic
    ? {
        modelId: semantic.embedder.modelId,
        nearest: (vector: Float32Array, k: number) => semantic.index.nearest(vector, k),
      }
    : null;
  const community = options.community ? communityServices(options.community, options.store, model) : null;
  const visitors = community ? new VisitorService(community.votes, community.collections) : undefined;
  const guardAdmin = community ? (request: FastifyRequest) => void withRole(request, "moderator") : undefined;
  // With the community on PostgreSQL, subscribe limits are counted there too, once for all web processes.
  const rateLimits = options.community?.stores.rateLimits;
  const digest = options.digest ? await digestServices({ rateLimits, ...options.digest }) : null;
  setSiteFeatures({ digests: digest !== null });
  if (community) {
    await installAuth(app, community.accounts);
    const {
      accounts,
      votes,
      submissions,
      comments,
      moderation,
      collections,
      cookies,
      dataExport,
      recommendations,
    } = community;
    const digestExport = digest
      ? (userId: string, email: string) => digest.subscriptions.exportFor(userId, email)
      : undefined;
    await app.register(accountPageRoutes, {
      accounts,
      votes,
      submissions,
      papers,
      cookies,
      dataExport,
      digestExport,
    });
    await app.register(communityPageRoutes, {
      papers,
      search,
      ingestHealth,
      cache,
      visitors,
      votes,
      submissions,
      comments,
      moderation,
      recommendations,
    });
    await app.register(collectionPageRoutes, { collections, comments, papers, visitors: visitors! });
    await app.register(communityApiRoutes, {
      prefix: "/api",
      accounts,
      cookies,
      votes,
      submissions,
      comments,
      collections,
      papers,
      recommendations,
    });
  }
  if (digest) await app.register(digestPageRoutes, { ...digest, visitors, publicUrl, papers });
  else await app.register(digestUnavailableRoutes);
  await app.register(healthRoutes, { health: new HealthService(papers) });
  await app.register(apiRoutes, { prefix: "/api", papers, ingestHealth, search, publicUrl, guardAdmin });
  await app.register(feedRoutes, {
    prefix: "/feeds",
    papers,
    search,
    publicUrl,
    votes: community?.votes,
    collections: community?.collections,
  });
  await app.register(pageRoutes, {
    papers,
    search,
    ingestHealth,
    cache,
    examples: new ApiExamplesService(papers, community?.collections ?? null),
    visitors,
    comments: community?.comments,
    moderation: community?.moderation,
    guardAdmin,
  });
  return app;
}
