import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import net from "node:net";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { REPO_ROOT } from "../ingest/helpers.js";

/** A PaperPulse server process started as `npm start` starts it (src/server.ts). */
export interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** The process's log lines (pino JSON), as printed. */
  log: string[];
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, "close");
  return port;
}

/** Starts src/server.ts with these settings on a free port; resolves once it says it is ready. */
export async function startServerProcess(name: string, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "src/server.ts")], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const server = { name, url: `http://127.0.0.1:${port}`, child, log };
  const ready = new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        log.push(line);
        if (line.includes("PaperPulse is ready at")) resolve();
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) =>
      reject(new Error(`${name} exited (${code}) before it was ready:\n${log.join("\n")}`)),
    );
  });
  await ready;
  return server;
}

export async function stopServerProcess(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null) return;
  server.child.kill("SIGTERM");
  await once(server.child, "exit");
}

/** Polls `probe` every 200 ms until it returns a value other than null. */
export async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await delay(200);
  }
}
