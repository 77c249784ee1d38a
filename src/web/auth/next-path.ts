/** Where to go after signing in: only a path on this site, so a link cannot send people elsewhere. */
export function safeNextPath(raw: string | undefined): string {
  if (!raw?.startsWith("/") || raw.startsWith("//") || raw.includes("\\")) return "/";
  return raw.length > 500 ? "/" : raw;
}
