import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { describePaperStoreContract } from "./paper-store-contract.js";

describePaperStoreContract("SQLite", async (options) => openSqliteStore(":memory:", options));
