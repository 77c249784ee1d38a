import type { HttpGetter } from "./http.js";
import { describeOaiErrors, errorsOf, type OaiError, resumptionOf } from "./oai-pmh-parser.js";
import { elementOf, listOf, MalformedResponse, parseXml, textOf } from "./oai-pmh-xml.js";

/**
 * Whether a set a harvest names exists, asked of the repository (ListSets, OAI-PMH 2.0 section 4.6)
 * before the harvest: a ListRecords for an unknown set answers nothing, or an error, only once the
 * harvest is under way, and "nothing" looks like a finished list.
 */
export type SetCheck =
  | { status: "exists" }
  | { status: "unknown"; closeMatches: string[]; sets: string[] }
  /** The repository gave no set list (noSetHierarchy, another error, a failed request): the harvest goes on. */
  | { status: "unchecked"; reason: string };

type SetsPage =
  | { kind: "sets"; specs: string[]; token: string | null }
  | { kind: "error"; errors: OaiError[] };

/** Enough for any repository's set list; arXiv's fits in one page. */
const MAX_PAGES = 50;
const MAX_CLOSE_MATCHES = 3;

/** Parses one ListSets answer; throws MalformedResponse for anything else. */
export function parseListSets(xml: string): SetsPage {
  const root = elementOf(parseXml(xml)["OAI-PMH"]);
  if (root === null) throw new MalformedResponse("not an OAI-PMH response (no <OAI-PMH> root element)");
  const errors = errorsOf(root);
  if (errors.length > 0) return { kind: "error", errors };
  const list = elementOf(root.ListSets);
  if (list === null) throw new MalformedResponse("neither <ListSets> nor <error> in the response");
  const specs = listOf(list.set).flatMap((set) =>
    listOf(elementOf(set)?.setSpec).flatMap((spec) => textOf(spec)?.trim() || []),
  );
  return { kind: "sets", specs, token: resumptionOf(list)?.token ?? null };
}

function listSetsUrl(baseUrl: string, token: string | null): string {
  const url = new URL(baseUrl);
  url.searchParams.set("verb", "ListSets");
  if (token !== null) url.searchParams.set("resumptionToken", token);
  return url.toString();
}

/** Every set spec the repository lists, or why there is no list. */
async function listSets(
  client: HttpGetter,
  baseUrl: string,
  signal: AbortSignal | undefined,
): Promise<string[] | { reason: string }> {
  const specs: string[] = [];
  let token: string | null = null;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const response = await client.get(listSetsUrl(baseUrl, token), signal ? { signal } : undefined);
    let answer: SetsPage;
    try {
      answer = parseListSets(response.body);
    } catch (error) {
      if (!(error instanceof MalformedResponse)) throw error;
      return { reason: response.status === 200 ? error.message : `HTTP ${response.status}` };
    }
    if (answer.kind === "error") return { reason: describeOaiErrors(answer.errors) };
    if (response.status !== 200) return { reason: `HTTP ${response.status}` };
    specs.push(...answer.specs);
    if (answer.token === null) return specs;
    token = answer.token;
  }
  return { reason: `the set list went on past ${MAX_PAGES} pages` };
}

/** Edits (insert, delete, substitute) turning one string into the other. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The listed sets closest to a set that is not listed: another case ("CS"), a slip ("mathh"), or the
 * archive without its group ("hep-th" for "physics:hep-th"); nearest first.
 */
export function closeMatches(set: string, specs: readonly string[]): string[] {
  const lastPart = (spec: string) => spec.slice(spec.lastIndexOf(":") + 1);
  const wanted = set.toLowerCase();
  // A slip in every third character at most, counted on the last part: a shared "physics:" is no likeness.
  const limit = Math.max(1, Math.floor(lastPart(wanted).length / 3));
  const scored = specs.flatMap((spec) => {
    const lower = spec.toLowerCase();
    const distance = Math.min(editDistance(wanted, lower), editDistance(wanted, lastPart(lower)));
    return distance <= limit ? [{ spec, distance }] : [];
  });
  scored.sort((a, b) => a.distance - b.distance || a.spec.localeCompare(b.spec));
  return scored.slice(0, MAX_CLOSE_MATCHES).map(({ spec }) => spec);
}

/**
 * Asks the repository for its sets and whether `set` is one. Never throws: an abort leaves it
 * unchecked, and the harvest that follows stops before its first request.
 */
export async function checkSet(
  client: HttpGetter,
  baseUrl: string,
  set: string,
  signal?: AbortSignal,
): Promise<SetCheck> {
  let listed: string[] | { reason: string };
  try {
    listed = await listSets(client, baseUrl, signal);
  } catch (error) {
    return { status: "unchecked", reason: error instanceof Error ? error.message : String(error) };
  }
  if (!Array.isArray(listed)) return { status: "unchecked", reason: listed.reason };
  if (listed.includes(set)) return { status: "exists" };
  return { status: "unknown", closeMatches: closeMatches(set, listed), sets: listed };
}
