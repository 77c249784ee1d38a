import { NotFoundError } from "./errors.js";
import { parsePaperId } from "./input.js";

const SUFFIX = "/vote";

/**
 * The paper of a `/papers/<id>/vote` address. The id is matched by a wildcard because old-style ids
 * contain a slash (hep-th/9901001/vote).
 */
export function parseVoteTarget(wildcard: string): string {
  if (!wildcard.endsWith(SUFFIX)) throw new NotFoundError("There is nothing to post to at this address.");
  return parsePaperId(wildcard.slice(0, -SUFFIX.length)).id;
}
