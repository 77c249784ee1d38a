/** Any origin will do: only whether the path stays on it matters. */
const THIS_SITE = "http://paperpulse.invalid";

/**
 * Where to go after signing in: only a path on this site, so a link cannot send people elsewhere. The
 * path is read as a browser reads a Location header (which drops tabs and newlines and takes "\" for
 * "/", so "/\t/evil.example" leads off-site) and given back as that URL's own encoded path, which any
 * header can carry.
 */
export function safeNextPath(raw: string | undefined): string {
  if (!raw?.startsWith("/") || raw.length > 500) return "/";
  let url: URL;
  try {
    url = new URL(raw, THIS_SITE);
  } catch {
    return "/";
  }
  return url.origin === THIS_SITE ? `${url.pathname}${url.search}${url.hash}` : "/";
}
