/**
 * arXiv identifiers, parsed and normalised in one place.
 * New style: YYMM.NNNN (2007–2014) or YYMM.NNNNN (2015+), e.g. 2509.09672v2.
 * Old style: archive[.SUBJ]/YYMMNNN, e.g. hep-th/9901001, math.AG/0601001v1.
 */
export interface ArxivId {
  /** Canonical id without version: "2509.09672", "hep-th/9901001". */
  id: string;
  /** Version number when the input carried one (v2 → 2). */
  version: number | null;
}

/** The archives that issued old-style ids (a closed set: old-style ids ended in March 2007). */
const OLD_ARCHIVES = (
  "acc-phys adap-org alg-geom ao-sci astro-ph atom-ph bayes-an chao-dyn chem-ph cmp-lg comp-gas cond-mat cs dg-ga funct-an gr-qc hep-ex " +
  "hep-lat hep-ph hep-th math math-ph mtrl-th nlin nucl-ex nucl-th patt-sol physics plasm-ph q-alg q-bio quant-ph solv-int supr-con"
).split(" ");

const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v([1-9]\d*))?$/;
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*)(?:\.([A-Za-z]{2}))?\/(\d{2})(\d{2})(\d{3})(?:v([1-9]\d*))?$/;
const ARXIV_URL =
  /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;

function parseVersion(raw: string | undefined): number | null {
  return raw === undefined ? null : Number(raw);
}

/**
 * Parses an id, an "arXiv:" prefixed id or an arxiv.org abs/pdf/html URL (its query or fragment, as in
 * `abs/…?context=cs` or `html/…#S3`, ignored); null when it is not one.
 */
export function parseArxivId(input: string): ArxivId | null {
  let text = input.trim();
  const url = ARXIV_URL.exec(text);
  if (url?.[1]) text = url[1];
  text = text.replace(/^arxiv:/i, "");

  const modern = NEW_STYLE.exec(text);
  if (modern) {
    const [, yy, mm, number, version] = modern;
    const month = Number(mm);
    if (month < 1 || month > 12) return null;
    // Five-digit numbers started in January 2015; four-digit ones ended in December 2014.
    const isFiveDigitEra = Number(yy) >= 15;
    if ((number!.length === 5) !== isFiveDigitEra) return null;
    if (Number(yy) < 7 || (Number(yy) === 7 && month < 4)) return null;
    return { id: `${yy}${mm}.${number}`, version: parseVersion(version) };
  }

  const old = OLD_STYLE.exec(text);
  if (old) {
    const [, archive, , yy, mm, number, version] = old;
    if (!OLD_ARCHIVES.includes(archive!)) return null;
    const month = Number(mm);
    if (month < 1 || month > 12) return null;
    // Old-style ids ran from 1991 to March 2007.
    const year = Number(yy) >= 91 ? 1900 + Number(yy) : 2000 + Number(yy);
    if (year > 2007 || (year === 2007 && month > 3)) return null;
    // The subject class (math.AG/…) is not part of the identifier: math.AG/0601001 is math/0601001.
    return { id: `${archive}/${yy}${mm}${number}`, version: parseVersion(version) };
  }
  return null;
}

/** The canonical id, or null when the input is not an arXiv id. */
export function normaliseArxivId(input: string): string | null {
  return parseArxivId(input)?.id ?? null;
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function arxivPdfUrl(id: string, version?: number): string {
  return `https://arxiv.org/pdf/${id}${version ? `v${version}` : ""}`;
}

/** The first day of the month an id was assigned in: 2504.05410 → 2025-04-01, hep-th/9901001 → 1999-01-01. */
export function firstDayOfIdMonth(id: string): string {
  const yymm = /^(\d{2})(\d{2})\./.exec(id) ?? /\/(\d{2})(\d{2})/.exec(id);
  if (!yymm) throw new Error(`not a normalised arXiv id: ${id}`);
  const yy = Number(yymm[1]);
  const century = id.includes("/") && yy >= 91 ? 1900 : 2000;
  return `${century + yy}-${yymm[2]}-01`;
}

/**
 * A number that orders ids by submission month, then by number: 2509.09672 → 202509_09672.
 * Old-style ids add their archive so that two archives' papers of one month never collide.
 * Stores use it as the row key, so "newest first" is a scan in key order.
 */
export function arxivIdOrdinal(id: string): number {
  const modern = NEW_STYLE.exec(id);
  if (modern) return ((2000 + Number(modern[1])) * 100 + Number(modern[2])) * 100_000 + Number(modern[3]);
  const old = OLD_STYLE.exec(id);
  if (!old) throw new Error(`not a normalised arXiv id: ${id}`);
  const yy = Number(old[3]);
  const year = yy >= 91 ? 1900 + yy : 2000 + yy;
  return (year * 100 + Number(old[4])) * 100_000 + OLD_ARCHIVES.indexOf(old[1]!) * 1_000 + Number(old[5]);
}

/** The id an ordinal was made from: arxivIdOrdinal's inverse (vector indexes key papers by ordinal). */
export function arxivIdFromOrdinal(ordinal: number): string {
  const month = Math.floor(ordinal / 100_000);
  const rest = ordinal % 100_000;
  const year = Math.floor(month / 100);
  const yymm = `${String(year % 100).padStart(2, "0")}${String(month % 100).padStart(2, "0")}`;
  if (month >= 200_704) return `${yymm}.${String(rest).padStart(year >= 2015 ? 5 : 4, "0")}`;
  const archive = OLD_ARCHIVES[Math.floor(rest / 1_000)];
  if (archive === undefined) throw new Error(`not an arXiv id ordinal: ${ordinal}`);
  return `${archive}/${yymm}${String(rest % 1_000).padStart(3, "0")}`;
}
