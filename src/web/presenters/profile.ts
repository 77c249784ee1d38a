import type { ApiToken } from "../../store/accounts-store.js";
import type { Viewer } from "../auth/viewer.js";
import { formatShortDate } from "./format.js";
import type { PaperCardModel } from "./paper-card.js";
import { presentViewer, type ViewerModel } from "./viewer.js";

export interface ApiTokenModel {
  id: string;
  name: string;
  created: string;
  lastUsed: string;
  revokeAction: string;
}

export interface ProfilePageModel {
  viewer: ViewerModel;
  role: string;
  csrfToken: string;
  tokens: ApiTokenModel[];
  /** Whether the account has a password (the form changes it) or not yet (the form sets the first). */
  hasPassword: boolean;
  /** Changing the password asks for the current one, except just after signing in (AccountService.setPassword). */
  needsCurrentPassword: boolean;
  /** The name their comments show (their public name or pseudonym), and the name they chose, if any. */
  shownName: string;
  publicName: string;
  /** A token just created: shown once, never again. */
  newToken: string | null;
  notice: string | null;
  upvoted: PaperCardModel[];
  submitted: PaperCardModel[];
}

export interface ProfileData {
  names: { shown: string; chosen: string | null };
  tokens: ApiToken[];
  hasPassword: boolean;
  needsCurrentPassword: boolean;
  upvoted: PaperCardModel[];
  submitted: PaperCardModel[];
}

function day(iso: string | null): string {
  return iso ? formatShortDate(iso.slice(0, 10)) : "never";
}

export function presentProfilePage(
  viewer: Viewer,
  data: ProfileData,
  extras: { newToken?: string; notice?: string } = {},
): ProfilePageModel {
  return {
    viewer: presentViewer(viewer)!,
    role: viewer.role,
    csrfToken: viewer.csrfToken ?? "",
    tokens: data.tokens.map((token) => ({
      id: token.id,
      name: token.name,
      created: day(token.createdAt),
      lastUsed: day(token.lastUsedAt),
      revokeAction: `/me/tokens/${encodeURIComponent(token.id)}/revoke`,
    })),
    hasPassword: data.hasPassword,
    needsCurrentPassword: data.needsCurrentPassword,
    shownName: data.names.shown,
    publicName: data.names.chosen ?? "",
    newToken: extras.newToken ?? null,
    notice: extras.notice ?? null,
    upvoted: data.upvoted,
    submitted: data.submitted,
  };
}
