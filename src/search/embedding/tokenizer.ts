/**
 * The tokenizer of the bundled model, shared with its trainer (training/tokenizer.py): NFKC, lower
 * case, then maximal runs of Unicode letters and digits. Both sides must agree token for token, or
 * the runtime would look up words the model never saw; a golden file made by the trainer checks it.
 */
const WORD = /[\p{L}\p{N}]+/gu;

/** The name both sides record in model.json, so a model made for another tokenizer is refused. */
export const TOKENIZER_NAME = "nfkc-lower-letter-digit-runs/1";

export function tokenize(text: string): string[] {
  return text.normalize("NFKC").toLowerCase().match(WORD) ?? [];
}
