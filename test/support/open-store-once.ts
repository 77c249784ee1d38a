/** Opens (and so migrates) the SQLite database named on the command line, then closes it: a second process for concurrency tests. */
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";

const store = openSqliteStore(process.argv[2]!);
await store.close();
