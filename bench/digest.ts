/**
 * Email digests (`npm run bench -- digest`): select, render and send 10,000 personal digests to a
 * local SMTP server (smtp-server on 127.0.0.1, in this process), from a month of the arxiv-daily
 * corpus. Target: all of them in ≤ 2 minutes. The SMTP server shares the process and the CPUs, so the
 * total is on the high side of what a real relay would see.
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { DigestService } from "../src/digest/digest-service.js";
import { DEFAULT_SETTINGS } from "../src/digest/settings.js";
import type { Topics } from "../src/digest/topics.js";
import { importPaperFiles } from "../src/ingest/import-papers.js";
import { smtpMailer } from "../src/mail/mailer.js";
import { loadBundledEmbedder } from "../src/search/embedding/bundled.js";
import { openSqliteStores } from "../src/store/sqlite/open-stores.js";
import { DAILY_CORPUS } from "./paths.js";
import { type DigestResults, partHeader } from "./results.js";

export const DIGEST_TARGET_SECONDS = 120;
const SUBSCRIBERS = 10_000;
/** Mails in flight, each over its own pooled SMTP connection. */
const CONCURRENCY = 8;
const MONTH = "2025-09";
/** Monday 09:00 in Berlin: every subscriber's weekly digest is due, covering 2025-09-15 … 21. */
const NOW = new Date("2025-09-22T07:00:00Z");

const CATEGORIES = ["cs.CL", "cs.CV", "cs.AI", "cs.LG", "cs.GR", "cs.RO", "stat.ML"];
const KEYWORDS = [
  "diffusion",
  "retrieval",
  "reinforcement learning",
  "speech",
  "graph",
  "segmentation",
  "large language models",
  "agents",
  "3d",
  "benchmark",
  "transformer",
  "robustness",
];
const NEGATIVE = ["survey", "medical", "workshop", "dataset"];

/** A deterministic mix of topics: 2 categories, 3 keywords, 1 negative keyword, sometimes a saved search. */
function topicsOf(index: number): Topics {
  const pick = <T>(list: T[], offset: number) => list[(index * 7 + offset * 5) % list.length]!;
  return {
    categories: [pick(CATEGORIES, 0), pick(CATEGORIES, 3)],
    keywords: [pick(KEYWORDS, 1), pick(KEYWORDS, 4), pick(KEYWORDS, 9)],
    authors: [],
    negativeKeywords: [pick(NEGATIVE, 2)],
    savedSearches: index % 4 === 0 ? [`"${pick(KEYWORDS, 6)}" cat:cs`] : [],
    likeMyPapers: false,
  };
}

async function startCountingSmtp(): Promise<{
  port: number;
  received: () => number;
  close: () => Promise<void>;
}> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function runDigestBenchmark(): Promise<DigestResults> {
  const header = partHeader();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-bench-digest-"));
  const stores = openSqliteStores(path.join(dir, "bench.db"));
  const smtp = await startCountingSmtp();
  try {
    await importPaperFiles(stores.papers, [path.join(DAILY_CORPUS, "papers", `${MONTH}.jsonl.gz`)]);
    const corpusPapers = await stores.papers.countPapers();
    const week = await stores.papers.listPapers({
      from: "2025-09-15",
      to: "2025-09-21",
      sort: "date",
      limit: 10_000,
      offset: 0,
    });
    for (let index = 0; index < SUBSCRIBERS; index++) {
      const id = `bench-${String(index).padStart(5, "0")}`;
      await stores.digest.digests.ensureSubscriber({
        id,
        email: `reader${index}@example.org`,
        userId: null,
        createdAt: "2025-01-01T00:00:00.000Z",
        ...DEFAULT_SETTINGS,
        schedule: { frequency: "weekly", weekday: 1, hour: 9, timeZone: "Europe/Berlin" },
        kind: "personal",
        size: 10,
        topics: topicsOf(index),
      });
      await stores.digest.digests.setStatus(id, "active", "2025-01-01T00:00:00.000Z");
      // One in ten has said "more like this" about three papers: the semantic model ranks for them.
      if (index % 10 === 0) {
        for (let k = 0; k < 3; k++) {
          const paper = week.papers[(index * 13 + k * 101) % week.papers.length]!;
          await stores.digest.digests.saveFeedback(id, paper.id, 1, "2025-09-20T00:00:00.000Z");
        }
      }
    }
    const mailer = smtpMailer(
      {
        host: "127.0.0.1",
        port: smtp.port,
        secure: false,
        user: "",
        password: "",
        from: "PaperPulse <digest@example.org>",
      },
      { connections: CONCURRENCY },
    );
    const service = await DigestService.open({
      stores: stores.digest,
      papers: stores.papers,
      community: stores.community,
      embedder: loadBundledEmbedder(),
      mailer,
      publicUrl: "https://papers.example.org",
      mailFrom: "PaperPulse <digest@example.org>",
      ratePerMinute: 0,
      retryLimit: 2,
      retryDelaySeconds: 1,
      bounceLimit: 3,
      leaseSeconds: 300,
      concurrency: CONCURRENCY,
    });
    const cpu = process.cpuUsage();
    const started = performance.now();
    const { plan, delivery } = await service.run({ now: NOW });
    const totalSeconds = (performance.now() - started) / 1_000;
    const used = process.cpuUsage(cpu);
    if (!delivery || delivery.sent !== plan.prepared || smtp.received() !== plan.prepared)
      throw new Error(
        `sent ${delivery?.sent} of ${plan.prepared} prepared; the server received ${smtp.received()}`,
      );
    await mailer.close();
    const line = `  ${plan.prepared} digests (${plan.skipped} empty) in ${totalSeconds.toFixed(1)} s: plan ${(plan.elapsedMs / 1_000).toFixed(1)} s, send ${(delivery.elapsedMs / 1_000).toFixed(1)} s`;
    console.log(line);
    return {
      ...header,
      corpusPapers,
      weekPapers: week.papers.length,
      subscribers: SUBSCRIBERS,
      prepared: plan.prepared,
      skipped: plan.skipped,
      received: smtp.received(),
      totalSeconds,
      planSeconds: plan.elapsedMs / 1_000,
      sendSeconds: delivery.elapsedMs / 1_000,
      selectMsPerDigest: plan.composeMs / plan.due,
      cpuSeconds: (used.user + used.system) / 1e6,
      databaseMB: ["bench.db", "bench.db-wal"]
        .map((name) => path.join(dir, name))
        .filter((file) => fs.existsSync(file))
        .reduce((sum, file) => sum + fs.statSync(file).size / 2 ** 20, 0),
    };
  } finally {
    await smtp.close();
    await stores.papers.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
