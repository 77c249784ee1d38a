/**
 * Repositories named in a paper's abstract or arXiv comments ("Code: https://github.com/org/repo."),
 * as canonical URLs of the repository itself: the path below it, ".git" and the sentence's closing
 * punctuation dropped. GitHub and GitLab only: the hosts readers look for a "Code" link to.
 */
const REPOSITORY =
  /(?:\bhttps?:\/\/|(?<![\w@./-]))(?:www\.)?(github\.com|gitlab\.com)\/([A-Za-z0-9][\w.-]*)\/([\w.-]+)/g;

/** Paths under a host that are not repositories ("github.com/orgs/x", "github.com/features/y"). */
const NOT_OWNERS = new Set([
  "orgs",
  "features",
  "topics",
  "about",
  "sponsors",
  "marketplace",
  "explore",
  "users",
]);

export function findCodeLinks(...texts: (string | null)[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const [, host, owner, rawRepo] of text.matchAll(REPOSITORY)) {
      const repo = (rawRepo ?? "").replace(/\.git$/, "").replace(/[.-]+$/, "");
      if (!owner || repo === "" || NOT_OWNERS.has(owner.toLowerCase())) continue;
      found.add(`https://${host}/${owner}/${repo}`);
    }
  }
  return [...found];
}
