import type { Paper } from "../paper.js";

/**
 * BibTeX for arXiv papers, as reference managers import them: an @misc entry with the arXiv eprint
 * fields (eprint, archivePrefix, primaryClass), authors in paper order joined by "and" (BibTeX reads
 * "First von Last" itself), and LaTeX special characters escaped outside $…$ math, which arXiv
 * titles carry as LaTeX already and which must stay as it is.
 */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

const SPECIAL: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

function escapeText(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (char) => SPECIAL[char] ?? char);
}

/** Escapes text for a braced BibTeX field, keeping balanced $…$ math verbatim. */
export function escapeBibtex(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const parts = flat.split(/(\$[^$]+\$)/);
  return parts.map((part, index) => (index % 2 === 1 && isBalanced(part) ? part : escapeText(part))).join("");
}

/** Math is kept only when its braces balance, so a field can never end early. */
function isBalanced(math: string): boolean {
  let depth = 0;
  for (let index = 0; index < math.length; index++) {
    const char = math[index];
    if (char === "\\") index++;
    else if (char === "{") depth++;
    else if (char === "}" && --depth < 0) return false;
  }
  return depth === 0;
}

function asciiWord(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const TITLE_STOPWORDS = new Set([
  "a",
  "an",
  "the",
  "on",
  "of",
  "in",
  "for",
  "to",
  "and",
  "with",
  "towards",
  "toward",
]);

/** "lovelace2025study": first author's family name, year, first significant title word; ids when unknown. */
export function citationKey(paper: Paper): string {
  const family = asciiWord(paper.authors[0]?.split(" ").at(-1) ?? "");
  const year = (paper.publishedAt ?? paper.day).slice(0, 4);
  const word = paper.title
    .split(/\s+/)
    .map(asciiWord)
    .find((candidate) => candidate.length > 0 && !TITLE_STOPWORDS.has(candidate));
  if (!family) return `arXiv:${paper.id.replace("/", "_")}`;
  return `${family}${year}${word ?? ""}`;
}

export function paperToBibtex(paper: Paper): string {
  const date = paper.publishedAt ?? `${paper.day}T00:00:00Z`;
  const fields: [string, string][] = [["title", `{${escapeBibtex(paper.title)}}`]];
  if (paper.authors.length > 0) {
    fields.push(["author", `{${paper.authors.map((name) => escapeBibtex(name)).join(" and ")}}`]);
  }
  fields.push(
    ["year", `{${date.slice(0, 4)}}`],
    ["month", MONTHS[Number(date.slice(5, 7)) - 1] ?? "jan"],
    ["eprint", `{${paper.id}}`],
    ["archivePrefix", "{arXiv}"],
  );
  if (paper.categories[0]) fields.push(["primaryClass", `{${paper.categories[0]}}`]);
  // DOIs and URLs are verbatim fields: escaping would change them; only braces could break the entry.
  if (paper.doi) fields.push(["doi", `{${paper.doi.replace(/[{}\s]/g, "")}}`]);
  if (paper.journalRef) fields.push(["note", `{${escapeBibtex(paper.journalRef)}}`]);
  fields.push(["url", `{https://arxiv.org/abs/${paper.id}}`]);
  const body = fields.map(([name, value]) => `  ${name} = ${value}`).join(",\n");
  return `@misc{${citationKey(paper)},\n${body}\n}\n`;
}

/** Entries for several papers; repeated keys get a, b, c… suffixes so every entry stays citable. */
export function papersToBibtex(papers: Paper[]): string {
  const seen = new Map<string, number>();
  return papers
    .map((paper) => {
      const entry = paperToBibtex(paper);
      const key = citationKey(paper);
      const count = seen.get(key) ?? 0;
      seen.set(key, count + 1);
      return count === 0
        ? entry
        : entry.replace(`@misc{${key},`, `@misc{${key}${String.fromCharCode(97 + ((count - 1) % 26))},`);
    })
    .join("\n");
}
