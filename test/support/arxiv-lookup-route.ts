import { atomFeed } from "./atom-feed.js";
import type { FixtureRoute } from "./fixture-server.js";

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
