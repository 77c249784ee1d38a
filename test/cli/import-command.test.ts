import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importPaperFiles } from "../../src/ingest/import-papers.js";
import { loadBundledEmbedder } from "../../src/search/embedding/bundled.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { ARXIVER_DIR, allPapers, REPO_ROOT, tempDir, writeLines } from "../ingest/helpers.js";
import { runCli, startCli } from "./run-cli.js";

const seed = path.join(REPO_ROOT, "demo/seed-papers.jsonl");

async function papersIn(dataDir: string) {
  const store = openSqliteStore(path.join(dataDir, "paperpulse.db"));
  try {
    return await allPapers(store);
  } finally {
    await store.close();
  }
}

/**
 * An import of `file` stopped after its first chunk of lines, as Ctrl-C stops one, its rejects written
 * to `rejectsFile` as the CLI's --rejects writes them.
 */
async function importStoppedAfterFirstChunk(dataDir: string, file: string, rejectsFile: string) {
  const store = openSqliteStore(path.join(dataDir, "paperpulse.db"));
  const controller = new AbortController();
  try {
    return await importPaperFiles(store, [file], {
      batchSize: 1,
      parseIn: "main-thread",
      signal: controller.signal,
      onReject: (reject) =>
        fs.appendFileSync(rejectsFile, `${reject.file}:${reject.line}: ${reject.reason}\n`),
      onProgress: () => controller.abort(),
    });
  } finally {
    await store.close();
  }
}

describe("paperpulse import", () => {
  it("prints a summary and exits 0; a second run reports everything unchanged", async () => {
    const dataDir = tempDir();
    const first = await runCli(["import", seed], dataDir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/file\s+read\s+inserted\s+updated\s+unchanged\s+rejected/);
    expect(first.stdout).toMatch(/seed-papers\.jsonl\s+38\s+38\s+0\s+0\s+0/);
    expect(first.stdout).toMatch(/38 lines in [\d.]+ s \([\d,]+ papers\/s\)/);

    const second = await runCli(["import", seed], dataDir);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/seed-papers\.jsonl\s+38\s+0\s+0\s+38\s+0/);
  });

  it("embeds the imported papers in a phase of its own; --no-embed leaves that to the server", async () => {
    const dataDir = tempDir();
    const result = await runCli(["import", seed], dataDir);
    expect(result.stdout).toMatch(/embedded 38 papers in [\d.]+ s with paperpulse-arxiv-static@/);
    const skipped = tempDir();
    const without = await runCli(["import", "--no-embed", seed], skipped);
    expect(without.code).toBe(0);
    expect(without.stdout).not.toContain("embedded");
    for (const [dir, lacking] of [
      [dataDir, 0],
      [skipped, 38],
    ] as const) {
      const store = openSqliteStore(path.join(dir, "paperpulse.db"));
      const embedder = loadBundledEmbedder();
      expect(await store.countPapersLackingVectors(embedder.modelId)).toBe(lacking);
      await store.close();
    }
  });

  it("exits 2 with rejects listed as file:line: reason, capped, and all of them in --rejects", async () => {
    const dataDir = tempDir();
    const bad = Array.from({ length: 25 }, (_, i) => `{"id": "bad-${i}"`);
    const file = writeLines(dataDir, "mixed.jsonl", [fs.readFileSync(seed, "utf8").split("\n")[0]!, ...bad]);
    const rejectsFile = path.join(dataDir, "rejects.txt");
    const result = await runCli(["import", file, "--rejects", rejectsFile], dataDir);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/mixed\.jsonl\s+26\s+1\s+0\s+0\s+25/);
    expect(result.stderr).toContain(`${file}:2: not valid JSON`);
    expect(result.stderr).toContain(`… and 5 more rejected lines (all are in ${rejectsFile})`);
    const written = fs.readFileSync(rejectsFile, "utf8").trim().split("\n");
    expect(written).toHaveLength(25);
    expect(written.at(-1)).toMatch(new RegExp(`^${file}:26: not valid JSON`));
  });

  it("resumed after an interruption, still counts the lines rejected before it and adds to --rejects", async () => {
    const dataDir = tempDir();
    const [first, second, third] = fs.readFileSync(seed, "utf8").split("\n");
    const file = writeLines(dataDir, "resumed.jsonl", [first!, "{broken json", second!, third!]);
    const rejectsFile = path.join(dataDir, "rejects.txt");
    // The interrupted run: it committed lines 1–3 (line 2 rejected, written to its --rejects file).
    const stopped = await importStoppedAfterFirstChunk(dataDir, file, rejectsFile);
    expect(stopped.interrupted).toBe(true);
    expect(stopped.total.rejected).toBe(1);

    const resumed = await runCli(["import", "--no-embed", file, "--rejects", rejectsFile], dataDir);
    expect(resumed.stderr).toMatch(/resuming .*resumed\.jsonl at line \d+ \(1 earlier line rejected\)/);
    expect(resumed.stdout).toContain(
      "1 line was rejected before the interruption this import resumed (listed by that run; --rejects adds to its file)",
    );
    expect(resumed.code).toBe(2);
    expect(fs.readFileSync(rejectsFile, "utf8")).toMatch(/resumed\.jsonl:2: not valid JSON/);
    expect(await papersIn(dataDir)).toHaveLength(3);
  });

  it("reports a rejected last line of an interrupted run once, the resumed run not reading it again", async () => {
    const dataDir = tempDir();
    const [first] = fs.readFileSync(seed, "utf8").split("\n");
    const file = writeLines(dataDir, "tail.jsonl", [first!, "{broken json"]);
    const rejectsFile = path.join(dataDir, "rejects.txt");
    await importStoppedAfterFirstChunk(dataDir, file, rejectsFile);

    const resumed = await runCli(["import", "--no-embed", file, "--rejects", rejectsFile], dataDir);
    expect(resumed.code).toBe(2);
    expect(resumed.stdout).toMatch(/tail\.jsonl\s+0\s+0\s+0\s+0\s+0/);
    expect(fs.readFileSync(rejectsFile, "utf8").match(/tail\.jsonl:2: not valid JSON/g)).toHaveLength(1);
  });

  it("exits 1 with a clear message, before writing anything, when --rejects cannot be written", async () => {
    const dataDir = tempDir();
    const rejectsFile = path.join(dataDir, "no-such-folder", "rejects.txt");
    const result = await runCli(["import", seed, "--rejects", rejectsFile], dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`paperpulse: --rejects ${rejectsFile}: no such folder`);
    expect(result.stderr).not.toContain("Unhandled");
    expect(fs.existsSync(path.join(dataDir, "paperpulse.db"))).toBe(false);
  });

  it("refuses a --rejects file that is an input or the database, leaving both whole", async () => {
    const dataDir = tempDir();
    const input = path.join(dataDir, "papers.jsonl");
    fs.copyFileSync(seed, input);
    const inputBytes = fs.statSync(input).size;
    const overInput = await runCli(["import", "--no-embed", input, "--rejects", input], dataDir);
    expect(overInput.code).toBe(1);
    expect(overInput.stderr).toContain(
      `paperpulse: --rejects ${input}: is the input file ${input}; name a file of its own`,
    );
    expect(fs.statSync(input).size).toBe(inputBytes);
    expect(fs.existsSync(path.join(dataDir, "paperpulse.db"))).toBe(false);

    expect((await runCli(["import", "--no-embed", input], dataDir)).code).toBe(0);
    const database = path.join(dataDir, "paperpulse.db");
    const linked = path.join(dataDir, "rejects-link.txt");
    fs.linkSync(database, linked);
    const overDatabase = await runCli(["import", "--no-embed", input, "--rejects", linked], dataDir);
    expect(overDatabase.code).toBe(1);
    expect(overDatabase.stderr).toContain(
      `paperpulse: --rejects ${linked}: is the database; name a file of its own`,
    );
    expect(await papersIn(dataDir)).toHaveLength(38);
  });

  it("exits 1 without writing anything when a file is missing", async () => {
    const dataDir = tempDir();
    const result = await runCli(["import", seed, path.join(dataDir, "missing.jsonl")], dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/missing\.jsonl: no such file/);
    expect(fs.existsSync(path.join(dataDir, "paperpulse.db"))).toBe(false);
  });

  it("exits 1 on a bad option, with the usage", async () => {
    const result = await runCli(["import", seed, "--batch-size", "0"], tempDir());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--batch-size.*whole number/);
  });

  it("documents formats and exit codes in --help", async () => {
    const result = await runCli(["import", "--help"], tempDir());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/arxiv-daily, arxiv-api, arxiv-snapshot/);
    expect(result.stdout).toMatch(/2\s+finished, but some lines were rejected/);
  });

  it("imports listings with --listings", async () => {
    const dataDir = tempDir();
    const listings = writeLines(dataDir, "listings.tsv", [
      "listing_date\tarxiv_id",
      "2025-09-10\t2509.09672",
    ]);
    const result = await runCli(["import", seed, "--listings", listings], dataDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/listings\.tsv\s+1\s+1\s+1\s+0/);
    expect((await papersIn(dataDir)).find((paper) => paper.id === "2509.09672")!.day).toBe("2025-09-10");
  });
});

describe("paperpulse export", () => {
  it("writes a file that imports into a fresh database unchanged", async () => {
    const dataDir = tempDir();
    await runCli(["import", seed, path.join(ARXIVER_DIR, "papers/pre2013.jsonl.gz")], dataDir);
    const exported = path.join(dataDir, "papers.jsonl.gz");
    const result = await runCli(["export", exported], dataDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/exported 176 papers to .*papers\.jsonl\.gz/);

    const copyDir = tempDir();
    const reimport = await runCli(["import", exported], copyDir);
    expect(reimport.code).toBe(0);
    expect(await papersIn(copyDir)).toEqual(await papersIn(dataDir));
  });

  it("stopped by Ctrl-C, exits 130 and leaves no partial file behind", async () => {
    const dataDir = tempDir();
    const papers = ["2024"].map((year) => path.join(ARXIVER_DIR, `papers/${year}.jsonl.gz`));
    expect((await runCli(["import", "--no-embed", "-q", ...papers], dataDir)).code).toBe(0);
    const outDir = tempDir();
    const { child, done } = startCli(["export", path.join(outDir, "papers.jsonl.gz")], dataDir);
    const partial = () => fs.readdirSync(outDir).some((name) => name.endsWith(".partial"));
    while (!partial() && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 2));
    child.kill("SIGINT");
    const result = await done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain("paperpulse export: interrupted;");
    expect(fs.readdirSync(outDir)).toEqual([]);
  });
});
