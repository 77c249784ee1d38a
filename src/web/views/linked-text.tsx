/** A web address in free text, without the sentence's closing punctuation. */
const URL = /\bhttps?:\/\/[^\s<>"]+/g;
const TRAILING = /[.,;:!?)\]'"]+$/;

export type TextPart = { text: string } | { text: string; href: string };

/** Free text (a paper's arXiv comments) cut into plain runs and the web addresses it names. */
export function linkedParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL)) {
    const href = match[0].replace(TRAILING, "");
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: href, href });
    last = start + href.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** The text with its web addresses as links; authors' links, so search engines are told not to follow. */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {linkedParts(text).map((part) =>
        "href" in part ? (
          <a href={part.href} rel="nofollow noopener">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
