import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * A local HTTP server for ingest tests: replays recorded and hand-written responses and injects
 * faults. Each route answers a sequence of responses in order; the last one repeats once the
 * sequence is used up, so "503 then the page" needs two entries and "always the page" one.
 */
export type FixtureResponse =
  | { status: number; headers?: Record<string, string>; body: string }
  /** Destroy the socket without answering (the client sees a connection reset). */
  | { fault: "reset" }
  /** Never answer (the client's timeout must fire). */
  | { fault: "timeout" }
  /** Announce the whole body, send only its first `sendBytes` (default half), then cut the connection. */
  | {
      fault: "truncate";
      status?: number;
      headers?: Record<string, string>;
      body: string;
      sendBytes?: number;
    };

export interface FixtureRoute {
  /** Path without query, e.g. "/api/query". */
  path: string;
  /** Optional predicate on the query parameters; the first route whose path and predicate match wins. */
  query?: (params: URLSearchParams) => boolean;
  /** Responses in order, or a function computing one from the request (for generated fixtures). */
  responses: FixtureResponse[] | ((request: RecordedRequest) => FixtureResponse);
}

export interface RecordedRequest {
  /** Milliseconds (performance.now) when the request arrived. */
  at: number;
  method: string;
  /** Path plus query, as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: http.IncomingHttpHeaders;
}

export interface FixtureServer {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:40123. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFixtureServer(routes: FixtureRoute[]): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const served = new Map<FixtureRoute, number>();
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const parsed = new URL(req.url ?? "/", "http://fixture.local");
    const request: RecordedRequest = {
      at: performance.now(),
      method: req.method ?? "GET",
      url: req.url ?? "/",
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: req.headers,
    };
    requests.push(request);
    const route = routes.find((r) => r.path === parsed.pathname && (r.query?.(parsed.searchParams) ?? true));
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`no fixture route for ${req.url}`);
      return;
    }
    const response = nextResponse(route, request, served);
    send(response, req, res);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        // "timeout" faults leave sockets open on purpose; close them so the server can stop.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function nextResponse(
  route: FixtureRoute,
  request: RecordedRequest,
  served: Map<FixtureRoute, number>,
): FixtureResponse {
  if (typeof route.responses === "function") return route.responses(request);
  const index = served.get(route) ?? 0;
  served.set(route, index + 1);
  const response = route.responses[Math.min(index, route.responses.length - 1)];
  if (!response) throw new Error(`fixture route ${route.path} has no responses`);
  return response;
}

function send(response: FixtureResponse, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (!("fault" in response)) {
    res.writeHead(response.status, { "content-type": "application/atom+xml", ...response.headers });
    res.end(response.body);
    return;
  }
  switch (response.fault) {
    case "reset":
      req.socket.destroy();
      return;
    case "timeout":
      return;
    case "truncate": {
      const bytes = Buffer.from(response.body, "utf8");
      const sendBytes = response.sendBytes ?? Math.floor(bytes.length / 2);
      res.writeHead(response.status ?? 200, {
        "content-type": "application/atom+xml",
        ...response.headers,
        "content-length": String(bytes.length),
      });
      res.write(bytes.subarray(0, sendBytes), () => req.socket.destroy());
      return;
    }
  }
}

/** The gaps in milliseconds between consecutive request arrivals. */
export function requestGaps(requests: RecordedRequest[]): number[] {
  return requests.slice(1).map((request, i) => request.at - requests[i]!.at);
}
