import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, startCli } from "./run-cli.js";

describe("paperpulse config", () => {
  it("prints every setting with its effective value", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-config-"));
    const result = await runCli(["config"], dataDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`PAPERPULSE_DATA\\s+${dataDir}`));
    expect(result.stdout).toMatch(/PORT\s+8080/);
  });

  it("ends quietly, exit 0, when its reader closes the pipe after the first line", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-config-"));
    const { child, done } = startCli(["config"], dataDir);
    // As `paperpulse config | head -1` does: the reader goes away once it has read something.
    child.stdout!.once("data", () => child.stdout!.destroy());
    const result = await done;
    expect(result.stderr).not.toContain("EPIPE");
    expect(result.code).toBe(0);
  });
});
