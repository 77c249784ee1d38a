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

/** "O'Brien, Pat", "van der Berg, Anne-Marie", "Müller, Jr., Hans": family name first, as BibTeX writes it. */
function familyFirst(parts: string[]): PersonName {
  const [familyPart = "", ...rest] = parts;
  const suffix = rest.length === 2 && isNameSuffix(rest[0] as string) ? (rest[0] as string) : "";
  const familyWords = familyPart.split(/\s+/);
  let particleEnd = 0;
  while (particleEnd < familyWords.length - 1 && PARTICLES.has(familyWords[particleEnd] as string))
    particleEnd++;
  return {
    given: (suffix ? rest.slice(1) : rest).join(" "),
    particle: familyWords.slice(0, particleEnd).join(" "),
    family: familyWords.slice(particleEnd).join(" "),
    suffix,
  };
}

export function parsePersonName(name: string): PersonName {
  const parts = name
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length > 1 && !(parts.length === 2 && isNameSuffix(parts[1] as string)))
    return familyFirst(parts);
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
