import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { CommunityTestApp } from "../build-app.js";

/**
 * A browser as far as the server can tell: keeps the cookies it is given and sends them back, reads
 * CSRF tokens out of forms. Requests go through app.inject.
 */
export class BrowserSession {
  readonly cookies = new Map<string, string>();

  constructor(private readonly app: FastifyInstance) {}

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.app.inject({ method: "GET", url, headers: { ...this.cookieHeader(), ...headers } }),
    );
  }

  /** Posts a form (urlencoded), as a browser does. */
  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return this.keep(
      await this.app.inject({
        method: "POST",
        url,
        payload: new URLSearchParams(form).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", ...this.cookieHeader(), ...headers },
      }),
    );
  }

  /** A script's call; `json`, when given, is sent as the JSON body. */
  async api(
    method: "POST" | "DELETE" | "GET",
    url: string,
    headers: Record<string, string> = {},
    json?: Record<string, unknown>,
  ) {
    const body = json === undefined ? {} : { payload: json };
    return this.keep(
      await this.app.inject({ method, url, headers: { ...this.cookieHeader(), ...headers }, ...body }),
    );
  }

  /** The CSRF token of the first form on the page. */
  async csrfTokenOf(url: string): Promise<string> {
    return csrfTokenIn((await this.get(url)).body);
  }

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") };
  }

  private keep(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date }[]) {
      // Cleared cookies come back empty and dated 1970; the tests' clocks make other dates meaningless.
      if (cookie.value === "" || cookie.expires?.getTime() === 0) {
        this.cookies.delete(cookie.name);
      } else {
        this.cookies.set(cookie.name, cookie.value);
      }
    }
    return response;
  }
}

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no CSRF field on the page");
  return match[1];
}

/** The sign-in link in a mail's text. */
export function loginLinkIn(text: string): string {
  const match = /https?:\/\/\S+\/login\/verify\?\S+/.exec(text);
  if (!match) throw new Error(`no sign-in link in: ${text}`);
  return match[0];
}

/** Path and query of a link, for app.inject. */
export function pathOf(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

/** Signs in through the pages, reading the link from the mail log: the whole round trip. */
export async function signIn(t: CommunityTestApp, email: string): Promise<BrowserSession> {
  const browser = new BrowserSession(t.app);
  const csrf = await browser.csrfTokenOf("/login");
  const sent = await browser.post("/login", { email, _csrf: csrf });
  if (sent.statusCode !== 200) throw new Error(`sign-in request failed: ${sent.statusCode} ${sent.body}`);
  const link = loginLinkIn(t.mailLog.at(-1) ?? "");
  await followLoginLink(browser, link);
  return browser;
}

export async function followLoginLink(
  browser: BrowserSession,
  link: string,
): Promise<LightMyRequestResponse> {
  const landing = await browser.get(pathOf(link));
  const token = /name="token" value="([^"]+)"/.exec(landing.body)?.[1] ?? "";
  const next = /name="next" value="([^"]*)"/.exec(landing.body)?.[1] ?? "/";
  return browser.post("/login/verify", { token, next, _csrf: csrfTokenIn(landing.body) });
}

/** Signs in a person who holds `role` (given through the store, as `paperpulse user create` does). */
export async function signInWithRole(
  t: CommunityTestApp,
  email: string,
  role: "moderator" | "admin",
): Promise<BrowserSession> {
  await t.community.accounts.ensureUser({
    id: `id-${email}`,
    email,
    role,
    createdAt: new Date().toISOString(),
  });
  return signIn(t, email);
}
