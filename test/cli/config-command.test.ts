import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

describe("paperpulse config", () => {
  it("prints every setting with its effective value", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-config-"));
    const result = await runCli(["config"], dataDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`PAPERPULSE_DATA\\s+${dataDir}`));
    expect(result.stdout).toMatch(/PORT\s+8080/);
  });
});
