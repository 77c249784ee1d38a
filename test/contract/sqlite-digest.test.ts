import { openSqliteStores } from "../../src/store/sqlite/open-stores.js";
import { describeDigestStoreContract } from "./digest-store-contract.js";

describeDigestStoreContract("SQLite", async () => openSqliteStores(":memory:"));
