// Compiles the SQLite extension the store's search ranking loads (ADR 0017), against the SQLite
// headers better-sqlite3 bundles, so it matches the library it is loaded into. Run by `npm install`;
// without a C compiler it says so and exits 0: search then ranks with FTS5's own bm25().
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { packageRoot } from "../src/package-info.js";
import { rankingExtensionPath, rankingExtensionSource } from "../src/store/sqlite/ranking-extension.js";

const headers = path.join(
  path.dirname(createRequire(import.meta.url).resolve("better-sqlite3/package.json")),
  "deps",
  "sqlite3",
);
const target = rankingExtensionPath();
const compiler = process.env.CC ?? "cc";

mkdirSync(path.dirname(target), { recursive: true });
const flags = process.platform === "darwin" ? ["-dynamiclib"] : ["-shared", "-fPIC"];
const result = spawnSync(
  compiler,
  ["-O2", ...flags, `-I${headers}`, rankingExtensionSource(), "-o", target, "-lm"],
  { stdio: "inherit" },
);
if (result.status !== 0) {
  console.warn(
    `fts5-ranking: could not compile with ${compiler}; search will rank with FTS5's bm25() (slower on large corpora)`,
  );
} else {
  console.log(`fts5-ranking: built ${path.relative(packageRoot(), target)}`);
}
