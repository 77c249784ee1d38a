import type { Paper } from "../paper.js";
import { foldAccents } from "../text.js";
import { parsePersonName } from "./person-name.js";

/**
 * BibTeX for arXiv papers, as reference managers import them: an @misc entry with the arXiv eprint
 * fields (eprint, archivePrefix, primaryClass), authors in paper order joined by "and", each written
 * "von Last, Jr., First" so that BibTeX never has to guess which word is the surname, and LaTeX
 * special characters escaped outside $…$ math and TeX accents, which arXiv titles carry as LaTeX
 * already and which must stay as they are.
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

/**
 * The accent and letter commands arXiv metadata spells names and words with (Gr\"obner, Koll\'ar,
 * {\ss}, \v{s}), whole with their braces, so they stay LaTeX rather than turning into backslashes.
 */
const ACCENTED = String.raw`(?:\{\s*(?:\\[ij](?![A-Za-z])|[A-Za-z])\s*\}|\\[ij](?![A-Za-z])|[A-Za-z])`;
const TEX_COMMAND = [
  String.raw`\\['"\`^~=.]${ACCENTED}`,
  // Accents named by a letter need a brace or a space before their letter: "\vs" is another command.
  String.raw`\\[uvHckr](?:\s*(?=\{)|\s+)${ACCENTED}`,
  String.raw`\\(?:ss|ae|AE|oe|OE|aa|AA|[oOlLij])(?![A-Za-z])(?:\{\})?`,
].join("|");
const TEXT_TO_ESCAPE = new RegExp(String.raw`(\{(?:${TEX_COMMAND})\}|${TEX_COMMAND})|[\\{}&%$#_~^]`, "g");

function escapeText(text: string): string {
  return text.replace(TEXT_TO_ESCAPE, (match, command?: string) => command ?? SPECIAL[match] ?? match);
}

/** In math, % would still start a comment and swallow the rest of the field. */
function escapeMathComments(math: string): string {
  return math.replace(/\\.|%/g, (match) => (match === "%" ? "\\%" : match));
}

/** Escapes text for a braced BibTeX field, keeping balanced $…$ math verbatim but for its comments. */
export function escapeBibtex(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const parts = flat.split(/(\$[^$]+\$)/);
  return parts
    .map((part, index) => (index % 2 === 1 && isBalanced(part) ? escapeMathComments(part) : escapeText(part)))
    .join("");
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
  return foldAccents(text)
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
  const first = paper.authors[0];
  const family = first === undefined ? "" : asciiWord(parsePersonName(first).family);
  const year = (paper.publishedAt ?? paper.day).slice(0, 4);
  const word = paper.title
    .split(/\s+/)
    .map(asciiWord)
    .find((candidate) => candidate.length > 0 && !TITLE_STOPWORDS.has(candidate));
  if (!family) return `arXiv:${paper.id.replace("/", "_")}`;
  return `${family}${year}${word ?? ""}`;
}

/** "van der Berg, Anne-Marie", "Müller, Jr., Hans": the von, Last, Jr and First parts BibTeX names. */
function bibtexName(name: string): string {
  const { given, particle, family, suffix } = parsePersonName(name);
  const surname = escapeBibtex(particle ? `${particle} ${family}` : family);
  if (suffix) return `${surname}, ${escapeBibtex(suffix)}, ${escapeBibtex(given)}`;
  return given ? `${surname}, ${escapeBibtex(given)}` : surname;
}

export function paperToBibtex(paper: Paper, key = citationKey(paper)): string {
  const date = paper.publishedAt ?? `${paper.day}T00:00:00Z`;
  const fields: [string, string][] = [["title", `{${escapeBibtex(paper.title)}}`]];
  if (paper.authors.length > 0) {
    fields.push(["author", `{${paper.authors.map(bibtexName).join(" and ")}}`]);
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
  return `@misc{${key},\n${body}\n}\n`;
}

/** a, b, …, z, aa, ab, …: as many distinct suffixes as there are papers. */
function letterSuffix(ordinal: number): string {
  let suffix = "";
  for (let rest = ordinal; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    suffix = String.fromCharCode(97 + ((rest - 1) % 26)) + suffix;
  }
  return suffix;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One key per paper, none repeated: a paper keeps its own key (the one its single export has) unless
 * another paper shares it; then the lowest arXiv id keeps it and the others get the first free letter
 * suffixes in id order. Suffixes skip every key in use, and keys are handed out in key and id order,
 * so the same papers get the same keys whatever order a search or collection lists them in.
 */
function uniqueCitationKeys(papers: Paper[]): string[] {
  const keys = papers.map((paper) => citationKey(paper));
  const taken = new Set(keys);
  const sharing = new Map<string, number[]>();
  for (const [index, key] of keys.entries()) {
    const indexes = sharing.get(key);
    if (indexes) indexes.push(index);
    else sharing.set(key, [index]);
  }
  for (const [key, indexes] of [...sharing].sort(([a], [b]) => byCodeUnits(a, b))) {
    indexes.sort((a, b) => byCodeUnits(papers[a]?.id ?? "", papers[b]?.id ?? ""));
    let ordinal = 0;
    for (const index of indexes.slice(1)) {
      let candidate: string;
      do candidate = `${key}${letterSuffix(++ordinal)}`;
      while (taken.has(candidate));
      taken.add(candidate);
      keys[index] = candidate;
    }
  }
  return keys;
}

/** Entries for several papers, each with its own key. */
export function papersToBibtex(papers: Paper[]): string {
  const keys = uniqueCitationKeys(papers);
  return papers.map((paper, index) => paperToBibtex(paper, keys[index])).join("\n");
}
