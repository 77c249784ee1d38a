import type { PreparedDigest, StoredMessage, Subscriber } from "../store/digest-store.js";
import type { VectorStore } from "../store/vector-store.js";

type PaperLookup = { getPapers: VectorStore["getPapers"] };

import { type DigestLinks, renderDigest } from "./render.js";
import type { Pick } from "./selection.js";

/** The selection a delivery keeps: who, what kind, which papers and why. */
export function prepareDigest(subscriber: Subscriber, coverage: string, picks: Pick[]): PreparedDigest {
  return {
    to: subscriber.email,
    kind: subscriber.kind,
    frequency: subscriber.schedule.frequency,
    coverage,
    picks: picks.map((pick) => ({ paperId: pick.paper.id, reasons: pick.reasons })),
  };
}

export function renderPicks(
  prepared: PreparedDigest,
  subscriberId: string,
  picks: Pick[],
  links: DigestLinks,
): StoredMessage {
  return renderDigest({ ...prepared, subscriberId, picks }, links);
}

/** Renders a prepared digest from the stored papers; null when none of its papers is stored any more. */
export async function renderPrepared(
  prepared: PreparedDigest,
  subscriberId: string,
  papers: PaperLookup,
  links: DigestLinks,
): Promise<StoredMessage | null> {
  const stored = new Map(
    (await papers.getPapers(prepared.picks.map((pick) => pick.paperId))).map((paper) => [paper.id, paper]),
  );
  const picks = prepared.picks.flatMap((pick) => {
    const paper = stored.get(pick.paperId);
    return paper ? [{ paper, score: 0, reasons: pick.reasons }] : [];
  });
  return picks.length === 0 ? null : renderPicks(prepared, subscriberId, picks, links);
}
