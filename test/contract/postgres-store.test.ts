import { describe } from "vitest";
import { openTestPostgresStore, TEST_DATABASE_URL } from "../support/postgres.js";
import { describePaperStoreContract } from "./paper-store-contract.js";
import { describeSearchFiltersContract } from "./search-filters-contract.js";
import { describeVectorStoreContract } from "./vector-store-contract.js";
import { describeWritePathContract } from "./write-path-contract.js";

// npm test always provides the database; a bare `vitest run` without it reports these as skipped.
describe.skipIf(TEST_DATABASE_URL === null)("PostgreSQL store", () => {
  describePaperStoreContract("PostgreSQL", (options) => openTestPostgresStore(options));
  describeSearchFiltersContract("PostgreSQL", () => openTestPostgresStore());
  describeWritePathContract("PostgreSQL", () => openTestPostgresStore());
  describeVectorStoreContract("PostgreSQL", () => openTestPostgresStore());
});
