import { DIGEST_TARGET_SECONDS } from "./digest.js";
import type { DigestResults } from "./results.js";

const whole = (n: number) => Math.round(n).toLocaleString("en-US");
const fixed = (n: number, digits = 1) => n.toFixed(digits);

export function digestTargetRows(r: DigestResults): string[][] {
  return [
    [
      `select, render and send ${whole(r.subscribers)} personal digests`,
      `≤ ${DIGEST_TARGET_SECONDS} s`,
      `${fixed(r.totalSeconds)} s (${fixed(r.selectMsPerDigest, 2)} ms selection per digest)`,
      r.totalSeconds <= DIGEST_TARGET_SECONDS ? "met" : "**missed**",
    ],
  ];
}

export function digestSection(r: DigestResults, when: string): string {
  const { machine } = r;
  const load = Number(r.loadAverage.split(" ")[0]);
  const busy =
    load >= machine.cores / 2
      ? ` The machine was shared: a load average of ${load.toFixed(1)} on ${machine.cores} cores left this run a fraction of a core (compare the CPU time with the total).`
      : "";
  return `## 7. Email digests

${when} Machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}.${busy}

\`npm run bench -- digest\` (bench/digest.ts): ${whole(r.subscribers)} subscribers with personal weekly digests (two categories, three keywords, a negative
keyword, a saved search for one in four, "more like this" on three papers for one in ten, ranked by the
bundled model), all due at once, choosing from the ${whole(r.weekPapers)} papers of one week of the arxiv-daily
corpus (${whole(r.corpusPapers)} papers stored). One run of \`DigestService.run\`, as \`paperpulse digest send\`
does it: plan (select, render, record each delivery, enqueue its job), then send through the SQLite job
queue to an SMTP server on 127.0.0.1 (smtp-server, in the same process), 8 mails in flight over 8 pooled
connections, no rate limit.

| digests sent | empty (skipped) | received by the server | total (s) | plan (s) | send (s) | selection + rendering per digest (ms) | CPU (s) | database (MB) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| ${whole(r.prepared)} | ${whole(r.skipped)} | ${whole(r.received)} | ${fixed(r.totalSeconds)} | ${fixed(r.planSeconds)} | ${fixed(r.sendSeconds)} | ${fixed(r.selectMsPerDigest, 2)} | ${fixed(r.cpuSeconds)} | ${fixed(r.databaseMB)} |`;
}
