import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { EvalQuery } from "../../scripts/eval/benchmark.js";
import { candidatesLine } from "../../scripts/eval/candidates-dump.js";
import { documentStore } from "../../scripts/eval/corpus-store.js";
import { parseSearchQuery } from "../../src/core/search-query.js";
import { HashedEmbedder } from "../support/hashed-embedder.js";

const hasNumpy = spawnSync("python3", ["-c", "import numpy, scipy"]).status === 0;

/**
 * `npm run eval -- --dump-candidates` writes the tuning sets' BM25 lists; training/fusion_proxy.py
 * scores a title model over them. Both ends run here on a hand-made corpus whose answers are known.
 */
describe("the tuning candidates dump and the fusion proxy that reads it", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-proxy-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const documents = [
    {
      docId: "sought",
      title: "Sparse attention revisited",
      text: "We revisit a mechanism that long documents need, measure its cost on three benchmarks of long documents, and release the code and the data.",
    },
    {
      docId: "decoy",
      title: "Dense retrieval",
      text: "Sparse attention, sparse attention and more sparse attention for dense retrieval.",
    },
    { docId: "bread", title: "Bread baking", text: "Flour, water and yeast make bread." },
  ];
  // Thirteen distinct words: past every query-length ramp, so no title similarity applies to it.
  const longQuery = "which dense retrieval method uses sparse attention over flour water yeast bread baking";

  async function writeCandidates(file: string) {
    const embedder = new HashedEmbedder();
    const { store, paperIdOf } = await documentStore(documents, embedder);
    const id = (docId: string) => paperIdOf.get(docId)!;
    const query = (text: string, relevant: string): EvalQuery => ({
      id: text,
      query: parseSearchQuery(text),
      judgments: new Map([[id(relevant), 1]]),
    });
    const lines = [
      await candidatesLine("known-item-dev", store, query("sparse attention", "sought"), embedder),
      await candidatesLine("known-item-dev", store, query(longQuery, "sought"), embedder),
      await candidatesLine("scifact-train", store, query(longQuery, "bread"), embedder),
    ];
    await store.close();
    fs.writeFileSync(file, lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
    return { lines, id };
  }

  it("writes each query's text, length, coverage, judgments and BM25 candidates best first", async () => {
    const { lines, id } = await writeCandidates(path.join(root, "lines.jsonl"));
    const [short, long] = lines;
    expect(short).toMatchObject({
      set: "known-item-dev",
      text: "sparse attention",
      distinctWords: 2,
      coverage: 1,
      judgments: { [id("sought")]: 1 },
    });
    // The decoy repeats the words, so BM25 puts it above the paper whose title they make up.
    expect(short!.candidates.map((c) => c.id)).toEqual([id("decoy"), id("sought")]);
    expect(short!.candidates[0]!.bm25).toBeGreaterThan(short!.candidates[1]!.bm25);
    expect(short!.candidates[1]).toMatchObject({
      title: "Sparse attention revisited",
      abstract: documents[0]!.text,
    });
    expect(long!.distinctWords).toBe(13);
    expect(long!.candidates.map((c) => c.id)).toEqual([id("bread"), id("decoy"), id("sought")]);
  });

  it.skipIf(!hasNumpy)(
    "scores a title model over them: title cosines reorder short queries only",
    async () => {
      const file = path.join(root, "proxy.jsonl");
      await writeCandidates(file);
      // Every word its own direction: a title's cosine to the query is their shared words' share.
      const script = `
import json, sys
import numpy as np
sys.path.insert(0, "training")
import fusion_proxy
from tokenizer import tokenize
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
texts = [r["text"] for r in rows] + [c["title"] for r in rows for c in r["candidates"]]
vocabulary = sorted({t for text in texts for t in tokenize(text)})
proxy = fusion_proxy.FusionProxy(sys.argv[1], vocabulary)
print(json.dumps(proxy.best(np.eye(len(vocabulary)), np.ones(len(vocabulary)))))
`;
      const result = spawnSync("python3", ["-c", script, file], { encoding: "utf8" });
      expect(result.stderr).toBe("");
      const best = JSON.parse(result.stdout);
      // Lexical: the short query's paper second (1/2), the long query's third (1/3).
      expect(best.lexical_known_item_dev_mrr10).toBe(0.4167);
      // The title cosine lifts the short query's paper to first; the long query keeps BM25's order.
      expect(best.title_known_item_dev_mrr10).toBe(0.6667);
      expect(best.title_scifact_train_ndcg10).toBe(1);
    },
  );
});
