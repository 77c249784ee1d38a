import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openSqliteStores } from "../../src/store/sqlite/open-stores.js";
import { startCli } from "./run-cli.js";

describe("paperpulse user create", () => {
  it("creates the first admin, promotes an existing account, and refuses a bad address", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-user-"));
    const created = await startCli(["user", "create", "--admin", "Root@Example.org"], dataDir).done;
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("root@example.org: admin");
    const plain = await startCli(["user", "create", "mod@example.org"], dataDir).done;
    expect(plain.stdout).toContain("mod@example.org: user");
    const promoted = await startCli(["user", "create", "--moderator", "mod@example.org"], dataDir).done;
    expect(promoted.stdout).toContain("mod@example.org: moderator (was user)");
    const bad = await startCli(["user", "create", "not-an-address"], dataDir).done;
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("does not look like an email address");

    const { papers, community } = openSqliteStores(path.join(dataDir, "paperpulse.db"));
    expect((await community.accounts.userByEmail("root@example.org"))?.role).toBe("admin");
    expect((await community.accounts.userByEmail("mod@example.org"))?.role).toBe("moderator");
    await papers.close();
  });
});
