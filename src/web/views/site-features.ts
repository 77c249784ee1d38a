/**
 * What the instance offers that shared parts of every page advertise (the footer's subscribe form).
 * Set by buildApp for the process: one server runs one app, and pages in the shared cache cannot
 * carry per-request options.
 */
export interface SiteFeatures {
  /** Email digests exist on this tier (a digest store is configured). */
  digests: boolean;
}

let current: SiteFeatures = { digests: false };

export function setSiteFeatures(features: SiteFeatures): void {
  current = features;
}

export function siteFeatures(): SiteFeatures {
  return current;
}
