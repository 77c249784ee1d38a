/**
 * The example values the OpenAPI document is generated with, and how /docs and /openapi.json swap them
 * for values this instance holds (its newest listed paper, its latest day…), so that an example pasted
 * against the instance that served it finds something. Where the store has no such value (an empty
 * store), the generated example stays.
 */
export const DOCUMENTED_EXAMPLES = {
  paperId: "2509.09672",
  oldStyleId: "hep-th/9901001",
  day: "2025-12-11",
  collectionId: "0f8e5b3c-2d4a-4c6e-9b1a-7e2f3d4c5b6a",
} as const;

/** What this instance holds for each example; null where it holds nothing of the kind. */
export type InstanceExamples = { [K in keyof typeof DOCUMENTED_EXAMPLES]: string | null };

/** An old-style id's two path segments ("hep-th/9901001" → ["hep-th", "9901001"]). */
function oldStyleSegments(id: string): [string, string] {
  const slash = id.indexOf("/");
  return [id.slice(0, slash), id.slice(slash + 1)];
}

/** Each documented example value that this instance replaces, with its replacement. */
export function exampleReplacements(instance: InstanceExamples): Map<string, string> {
  const replacements = new Map<string, string>();
  const { paperId, oldStyleId, day, collectionId } = DOCUMENTED_EXAMPLES;
  if (instance.paperId) replacements.set(paperId, instance.paperId);
  if (instance.oldStyleId) {
    replacements.set(oldStyleId, instance.oldStyleId);
    const [archive, number] = oldStyleSegments(oldStyleId);
    const [liveArchive, liveNumber] = oldStyleSegments(instance.oldStyleId);
    replacements.set(archive, liveArchive);
    replacements.set(number, liveNumber);
  }
  if (instance.day) replacements.set(day, instance.day);
  if (instance.collectionId) {
    replacements.set(collectionId, instance.collectionId);
    for (const extension of ["rss", "atom"])
      replacements.set(`${collectionId}.${extension}`, `${instance.collectionId}.${extension}`);
  }
  return replacements;
}

/**
 * The documented example values this instance holds nothing for (an empty store, no old-style paper,
 * no public collection): a request built on one finds nothing here.
 */
export function examplesNotHeld(instance: InstanceExamples): Set<string> {
  const { paperId, oldStyleId, day, collectionId } = DOCUMENTED_EXAMPLES;
  const notHeld = new Set<string>();
  if (!instance.paperId) notHeld.add(paperId);
  if (!instance.oldStyleId)
    for (const value of [oldStyleId, ...oldStyleSegments(oldStyleId)]) notHeld.add(value);
  if (!instance.day) notHeld.add(day);
  if (!instance.collectionId)
    for (const value of [collectionId, `${collectionId}.rss`, `${collectionId}.atom`]) notHeld.add(value);
  return notHeld;
}

/** Parameter objects name their examples: `{ "2509.09672": { value: "2509.09672" } }`. */
function swapNamedExamples(examples: object, swap: (value: unknown) => unknown): object {
  return Object.fromEntries(
    Object.entries(examples).map(([name, example]) => [
      swap(name),
      example !== null && typeof example === "object" && "value" in example
        ? { ...example, value: swap(example.value) }
        : example,
    ]),
  );
}

/**
 * A copy of the OpenAPI document with its example values replaced: `examples` lists (in schemas),
 * named `examples` (in parameters) and single `example`s.
 */
export function withExamples<T>(document: T, replacements: Map<string, string>): T {
  const swap = (value: unknown) => (typeof value === "string" ? (replacements.get(value) ?? value) : value);
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        if (key === "examples" && Array.isArray(value)) return [key, value.map(swap)];
        if (key === "examples" && value !== null && typeof value === "object")
          return [key, swapNamedExamples(value, swap)];
        if (key === "example" && typeof value === "string") return [key, swap(value)];
        return [key, visit(value)];
      }),
    );
  };
  return visit(document) as T;
}
