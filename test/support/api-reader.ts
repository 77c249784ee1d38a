import { randomUUID } from "node:crypto";
import { hashSecret } from "../../src/community/secrets.js";
import type { Stores } from "../../src/store/community-stores.js";
import { atomFeed } from "./atom-feed.js";
import type { FixtureRoute } from "./fixture-server.js";

/** Stores a reader account with an API token, for tests that call the API as a signed-in person. */
export async function createApiReader(stores: Stores, token: string): Promise<void> {
  const user = await stores.community.accounts.ensureUser({
    id: randomUUID(),
    email: "reader@example.org",
    role: "user",
    createdAt: new Date().toISOString(),
  });
  await stores.community.accounts.createApiToken({
    id: randomUUID(),
    userId: user.id,
    name: "test reader",
    createdAt: new Date().toISOString(),
    tokenHash: hashSecret(token),
  });
}

/** The arXiv API look-up of a stand-in for arXiv that knows one paper, announced today, and no other. */
export function arxivLookupRoute(knownId: string): FixtureRoute {
  return {
    path: "/api/query",
    responses: (request) => {
      const ids = (request.query.get("id_list") ?? "").split(",");
      const entries = ids
        .filter((id) => id === knownId)
        .map((id) => ({
          id: `${id}v1`,
          title: "Quokkas as a benchmark for sample efficiency",
          published: new Date().toISOString(),
        }));
      return { status: 200, body: atomFeed({ entries }) };
    },
  };
}
