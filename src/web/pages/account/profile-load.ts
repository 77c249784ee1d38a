import type { Paper } from "../../../core/paper.js";
import type { Viewer } from "../../auth/viewer.js";
import { presentPaperCard } from "../../presenters/paper-card.js";
import { type ProfilePageModel, presentProfilePage } from "../../presenters/profile.js";
import type { AccountPageDeps } from "./deps.js";

const PAPERS_SHOWN = 50;

/** What /me shows; the profile handlers share it, adding a one-time notice or a new token. */
export async function loadProfile(
  { accounts, votes, submissions, papers }: AccountPageDeps,
  viewer: Viewer,
  extras: { newToken?: string; notice?: string } = {},
): Promise<ProfilePageModel> {
  const [names, tokens, hasPassword, needsCurrentPassword, recentVotes, recentSubmissions] =
    await Promise.all([
      accounts.shownName(viewer.userId),
      accounts.apiTokens(viewer.userId),
      accounts.hasPassword(viewer.userId),
      accounts.needsCurrentPassword(viewer.userId, viewer.sessionToken),
      votes.userVotes(viewer.userId, PAPERS_SHOWN),
      submissions.userSubmissions(viewer.userId, PAPERS_SHOWN),
    ]);
  const cards = async (ids: string[]) =>
    (await Promise.all(ids.map((id) => papers.getPaper(id))))
      .filter((paper): paper is Paper => paper !== null)
      .map(presentPaperCard);
  const [upvoted, submitted] = await Promise.all([
    cards(recentVotes.map((vote) => vote.paperId)),
    cards(recentSubmissions.map((submission) => submission.paperId)),
  ]);
  return presentProfilePage(
    viewer,
    { names, tokens, hasPassword, needsCurrentPassword, upvoted, submitted },
    extras,
  );
}
