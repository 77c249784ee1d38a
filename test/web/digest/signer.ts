import { LinkSigner } from "../../../src/digest/signed-links.js";
import type { DigestTestApp } from "./digest-app.js";

/** The instance's link signer, as the mails' links are signed. */
export async function signerOf(t: DigestTestApp): Promise<{ signer: LinkSigner }> {
  return { signer: new LinkSigner(await t.stores.digest.digests.signingKey()) };
}
