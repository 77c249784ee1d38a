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
