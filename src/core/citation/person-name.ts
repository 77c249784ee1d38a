/**
 * A stored author name ("Hans Müller Jr.", "Anne-Marie van der Berg": given names first, as arXiv's
 * authors_parsed triples are joined) split into the parts reference formats name separately.
 */
export interface PersonName {
  given: string;
  /** Lower-case words before the family name that belong to it: "van der", "de la". */
  particle: string;
  family: string;
  /** "Jr.", "III": after the family name, never part of it. */
  suffix: string;
}

const SUFFIX = /^(?:[JS]r\.?|II|III|IV)$/;

/** "Jr.", "III": a word that ends a name without being its family name. */
export function isNameSuffix(word: string): boolean {
  return SUFFIX.test(word);
}

/** Particles are read only in lower case: "Van Halen" and "Quoc V. Le" keep their words as spelled. */
const PARTICLES = new Set([
  "da",
  "das",
  "de",
  "del",
  "della",
  "den",
  "der",
  "des",
  "di",
  "do",
  "dos",
  "du",
  "la",
  "le",
  "ten",
  "ter",
  "van",
  "von",
  "zu",
  "zur",
]);

export function parsePersonName(name: string): PersonName {
  // "Hans Müller, Jr." spells the same suffix with a comma.
  const words = name.replace(/,/g, " ").trim().split(/\s+/).filter(Boolean);
  const suffix = words.length > 1 && isNameSuffix(words.at(-1) as string) ? (words.pop() as string) : "";
  const family = words.pop() ?? "";
  let particleStart = words.length;
  while (particleStart > 0 && PARTICLES.has(words[particleStart - 1] as string)) particleStart--;
  return {
    given: words.slice(0, particleStart).join(" "),
    particle: words.slice(particleStart).join(" "),
    family,
    suffix,
  };
}
