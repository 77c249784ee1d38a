/**
 * What the arXiv sources need from HTTP: one GET that returns the whole body as text. The polite
 * client (one request at a time, a minimum interval, retries honouring Retry-After) implements it;
 * tests point it at a local fixture server.
 */
export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

export interface HttpGetter {
  get(url: string, options?: { signal?: AbortSignal }): Promise<HttpResponse>;
}

/** A source answered with a status it never uses for a real page or error document. */
export class UnexpectedStatusError extends Error {
  override name = "UnexpectedStatusError";
  constructor(
    /** Who answered, as messages name it: "arXiv API", "the feed". */
    readonly source: string,
    readonly url: string,
    readonly status: number,
  ) {
    super(`${source} answered HTTP ${status} for ${url}`);
  }
}
