/** The opening of a text up to `limit` characters, cut at a word, with an ellipsis when cut. */
export function openingPassage(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf(" ", limit);
  return `${text.slice(0, cut > 0 ? cut : limit)}…`;
}
