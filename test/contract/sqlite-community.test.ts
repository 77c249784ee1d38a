import { openSqliteStores } from "../../src/store/sqlite/open-stores.js";
import { describeCommunityStoreContract } from "./community-store-contract.js";

describeCommunityStoreContract("SQLite", async () => openSqliteStores(":memory:"));
