import type { Viewer } from "../auth/viewer.js";
import { hasRole } from "../auth/viewer.js";

/** The signed-in visitor as the page header shows them. */
export interface ViewerModel {
  email: string;
  /** The address's local part: short enough for the header. */
  name: string;
  isModerator: boolean;
  isAdmin: boolean;
}

export function presentViewer(viewer: Viewer | null): ViewerModel | null {
  if (!viewer) return null;
  return {
    email: viewer.email,
    name: viewer.email.split("@")[0] ?? viewer.email,
    isModerator: hasRole(viewer, "moderator"),
    isAdmin: hasRole(viewer, "admin"),
  };
}
