/**
 * The arXiv category taxonomy (https://arxiv.org/category_taxonomy), so that listing-page noise such as
 * ACM classes ("I.2.7"), MSC codes ("68T45 (Machine vision…)") or placeholders ("none") never reaches
 * a paper. Subject classes are listed per archive; archives without subject classes stand alone.
 */
const SUBJECT_CLASSES: Record<string, string> = {
  "astro-ph": "CO EP GA HE IM SR",
  "cond-mat": "dis-nn mes-hall mtrl-sci other quant-gas soft stat-mech str-el supr-con",
  cs: "AI AR CC CE CG CL CR CV CY DB DC DL DM DS ET FL GL GR GT HC IR IT LG LO MA MM MS NA NE NI OH OS PF PL RO SC SD SE SI SY",
  econ: "EM GN TH",
  eess: "AS IV SP SY",
  math: "AC AG AP AT CA CO CT CV DG DS FA GM GN GR GT HO IT KT LO MG MP NA NT OA OC PR QA RA RT SG SP ST",
  nlin: "AO CD CG PS SI",
  physics:
    "acc-ph ao-ph app-ph atm-clus atom-ph bio-ph chem-ph class-ph comp-ph data-an ed-ph flu-dyn gen-ph geo-ph hist-ph ins-det med-ph optics plasm-ph pop-ph soc-ph space-ph",
  "q-bio": "BM CB GN MN NC OT PE QM SC TO",
  "q-fin": "CP EC GN MF PM PR RM ST TR",
  stat: "AP CO ME ML OT TH",
};

/** Archives used as categories on their own, current (hep-th) and retired (cmp-lg, solv-int, …). */
const STANDALONE_ARCHIVES =
  "astro-ph cond-mat gr-qc hep-ex hep-lat hep-ph hep-th math-ph nucl-ex nucl-th quant-ph " +
  "acc-phys adap-org alg-geom ao-sci atom-ph bayes-an chao-dyn chem-ph cmp-lg comp-gas dg-ga funct-an " +
  "mtrl-th patt-sol plasm-ph q-alg solv-int supr-con";

const KNOWN_CATEGORIES = new Set<string>([
  ...STANDALONE_ARCHIVES.split(" "),
  ...Object.entries(SUBJECT_CLASSES).flatMap(([archive, subjects]) =>
    subjects.split(" ").map((subject) => `${archive}.${subject}`),
  ),
]);

/** Every category and archive code arXiv has had, in its canonical case. */
export function arxivCategoryCodes(): string[] {
  return [...new Set([...KNOWN_CATEGORIES, ...ARCHIVES_WITH_SUBJECTS])];
}

export function isArxivCategory(code: string): boolean {
  return KNOWN_CATEGORIES.has(code);
}

/**
 * Every known code a category filter matches: each code itself and, for an archive, all its categories
 * (`cs` → `cs`, `cs.AI` … `cs.SY`). A paper's stored categories are known codes (the importers keep
 * only those), so "holds one of these" is the filter's rule (search-filters `inCategories`) as a set.
 */
export function categoriesCoveredBy(codes: readonly string[]): string[] {
  const covered = new Set(codes);
  for (const known of KNOWN_CATEGORIES) {
    if (codes.some((code) => known.startsWith(`${code}.`))) covered.add(known);
  }
  return [...covered];
}

/** Archives whose categories are `archive.SUBJECT`; a filter on one of them covers all its categories. */
const ARCHIVES_WITH_SUBJECTS = new Set(Object.keys(SUBJECT_CLASSES));

const BY_LOWER_CASE = new Map(
  [...KNOWN_CATEGORIES, ...ARCHIVES_WITH_SUBJECTS].map((code) => [code.toLowerCase(), code]),
);

/**
 * The category or archive a user means, whatever its case ("cs.lg" → "cs.LG", "CS" → "cs"), or null
 * when arXiv has no such code.
 */
export function canonicalCategory(input: string): string | null {
  return BY_LOWER_CASE.get(input.trim().toLowerCase()) ?? null;
}
