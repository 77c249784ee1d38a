import { BadRequestError } from "../errors.js";

export type FeedFormat = "rss" | "atom";

/** "cs.LG.rss" → { name: "cs.LG", format: "rss" }: the feed addresses end in their format. */
export function parseFeedFile(file: string): { name: string; format: FeedFormat } {
  const match = /^(.+)\.(rss|atom)$/.exec(file);
  if (!match)
    throw new BadRequestError(`“${file.slice(0, 80)}” is not a feed: addresses end in .rss or .atom.`);
  return { name: match[1] as string, format: match[2] as FeedFormat };
}
