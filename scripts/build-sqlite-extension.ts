// Compiles the SQLite extension the store's search loads (ADR 0017, ADR 0026), against the SQLite
// headers better-sqlite3 bundles, so it matches the library it is loaded into. Run by `npm install`;
// without a C compiler it says so and exits 0: search then uses FTS5's own bm25() and porter.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { packageRoot } from "../src/package-info.js";
import { searchExtensionPath, searchExtensionSources } from "../src/store/sqlite/search-extension.js";

const headers = path.join(
  path.dirname(createRequire(import.meta.url).resolve("better-sqlite3/package.json")),
  "deps",
  "sqlite3",
);
const target = searchExtensionPath();
const compiler = process.env.CC ?? "cc";

mkdirSync(path.dirname(target), { recursive: true });
const flags = process.platform === "darwin" ? ["-dynamiclib"] : ["-shared", "-fPIC"];
const result = spawnSync(
  compiler,
  ["-O2", ...flags, `-I${headers}`, ...searchExtensionSources(), "-o", target, "-lm"],
  { stdio: "inherit" },
);
if (result.status !== 0) {
  console.warn(
    `fts5-search: could not compile with ${compiler}; search will use FTS5's own bm25() (slower on large corpora) and porter`,
  );
} else {
  console.log(`fts5-search: built ${path.relative(packageRoot(), target)}`);
}
