import { describe } from "vitest";
import { openTestPostgresStores, TEST_DATABASE_URL } from "../support/postgres.js";
import { describeDigestStoreContract } from "./digest-store-contract.js";

// npm test always provides the database; a bare `vitest run` without it reports these as skipped.
describe.skipIf(TEST_DATABASE_URL === null)("PostgreSQL digest store", () => {
  describeDigestStoreContract("PostgreSQL", () => openTestPostgresStores());
});
