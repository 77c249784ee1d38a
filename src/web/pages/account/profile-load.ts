import type { Paper } from "../../../core/paper.js";
import type { Viewer } from "../../auth/viewer.js";
import { presentPaperCard } from "../../presenters/paper-card.js";
import { type ProfilePageModel, presentProfilePage } from "../../presenters/profile.js";
import type { AccountPageDeps } from "./deps.js";

const UPVOTES_SHOWN = 50;

/** What /me shows; the profile handlers share it, adding a one-time notice or a new token. */
export async function loadProfile(
  { accounts, votes, papers }: AccountPageDeps,
  viewer: Viewer,
  extras: { newToken?: string; notice?: string } = {},
): Promise<ProfilePageModel> {
  const [tokens, recentVotes] = await Promise.all([
    accounts.apiTokens(viewer.userId),
    votes.userVotes(viewer.userId, UPVOTES_SHOWN),
  ]);
  const upvoted = await Promise.all(recentVotes.map((vote) => papers.getPaper(vote.paperId)));
  const shown = upvoted.filter((paper): paper is Paper => paper !== null).map(presentPaperCard);
  return presentProfilePage(viewer, { tokens, upvoted: shown }, extras);
}
