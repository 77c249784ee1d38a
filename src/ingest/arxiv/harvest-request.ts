import type { HarvestRange } from "./harvest-mark.js";
import type { HttpGetter } from "./http.js";
import {
  MalformedResponse,
  type OaiMetadataPrefix,
  type OaiResponse,
  parseOaiResponse,
} from "./oai-pmh-parser.js";

/** The requests of a ListRecords harvest and the fetching of one page, with its own retry for broken bodies. */
export interface ListRequest {
  baseUrl: string;
  metadataPrefix: OaiMetadataPrefix;
  set: string | undefined;
  range: HarvestRange;
}

/** A page could not be had (HTTP failure, a body that stays malformed); nothing of it was stored. */
export class PageFetchError extends Error {
  override name = "PageFetchError";
}

/** A body that arrived whole but is not well-formed (cut by a proxy, say) is fetched this many times. */
const MALFORMED_ATTEMPTS = 3;

function withParams(baseUrl: string, params: Record<string, string>): string {
  const url = new URL(baseUrl);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/** The first page of a list: ListRecords with the format, the range and the set. */
export function firstPageUrl({ baseUrl, metadataPrefix, set, range }: ListRequest): string {
  return withParams(baseUrl, {
    verb: "ListRecords",
    metadataPrefix,
    ...(range.from === null ? {} : { from: range.from }),
    until: range.until,
    ...(set === undefined ? {} : { set }),
  });
}

/** Every later page: the resumption token is an exclusive argument (OAI-PMH 2.0, section 3.5). */
export function nextPageUrl(baseUrl: string, token: string): string {
  return withParams(baseUrl, { verb: "ListRecords", resumptionToken: token });
}

async function fetchOnce(
  client: HttpGetter,
  url: string,
  prefix: OaiMetadataPrefix,
  signal: AbortSignal | undefined,
): Promise<OaiResponse> {
  const response = await client.get(url, signal ? { signal } : undefined);
  if (response.status === 200) return parseOaiResponse(response.body, prefix);
  // Some repositories send protocol errors with a 4xx status; those are still answers.
  try {
    const answer = parseOaiResponse(response.body, prefix);
    if (answer.kind === "error") return answer;
  } catch (error) {
    if (!(error instanceof MalformedResponse)) throw error;
  }
  throw new PageFetchError(`HTTP ${response.status} from ${url}`);
}

/** Fetches and parses one page; a malformed body is fetched again (the client keeps the interval). */
export async function fetchPage(
  client: HttpGetter,
  url: string,
  prefix: OaiMetadataPrefix,
  signal: AbortSignal | undefined,
): Promise<OaiResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchOnce(client, url, prefix, signal);
    } catch (error) {
      if (!(error instanceof MalformedResponse)) throw error;
      if (attempt >= MALFORMED_ATTEMPTS) {
        throw new PageFetchError(`${url} gave a malformed page ${attempt} times; last: ${error.message}`);
      }
    }
  }
}
