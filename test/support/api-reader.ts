import { randomUUID } from "node:crypto";
import { hashSecret } from "../../src/community/secrets.js";
import type { Stores } from "../../src/store/community-stores.js";

/** Stores a reader account with an API token, for tests that call the API as a signed-in person. */
export async function createApiReader(stores: Stores, token: string): Promise<void> {
  const user = await stores.community.accounts.ensureUser({
    id: randomUUID(),
    email: "reader@example.org",
    role: "user",
    createdAt: new Date().toISOString(),
  });
  await stores.community.accounts.createApiToken({
    id: randomUUID(),
    userId: user.id,
    name: "test reader",
    createdAt: new Date().toISOString(),
    tokenHash: hashSecret(token),
  });
}
