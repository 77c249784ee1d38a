import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Stores } from "../../src/store/community-stores.js";
import { openPostgresStores } from "../../src/store/postgres/open-stores.js";
import { openSqliteStores } from "../../src/store/sqlite/open-stores.js";
import { TEST_DATABASE_URL, testSchemaUrl } from "../support/postgres.js";
import { startCli } from "./run-cli.js";

async function createAccounts(dataDir: string, env: Record<string, string>): Promise<void> {
  const created = await startCli(["user", "create", "--admin", "Root@Example.org"], dataDir, env).done;
  expect(created.code).toBe(0);
  expect(created.stdout).toContain("root@example.org: admin");
  const plain = await startCli(["user", "create", "mod@example.org"], dataDir, env).done;
  expect(plain.stdout).toContain("mod@example.org: user");
  const promoted = await startCli(["user", "create", "--moderator", "mod@example.org"], dataDir, env).done;
  expect(promoted.stdout).toContain("mod@example.org: moderator (was user)");
  // Running it again without a role option creates nothing and demotes nobody.
  const again = await startCli(["user", "create", "root@example.org"], dataDir, env).done;
  expect(again.code).toBe(0);
  expect(again.stdout).toBe("root@example.org: admin\n");
  const demoted = await startCli(["user", "create", "--user", "spare@example.org"], dataDir, env).done;
  expect(demoted.stdout).toContain("spare@example.org: user");
  await startCli(["user", "create", "--admin", "spare@example.org"], dataDir, env).done;
  const back = await startCli(["user", "create", "--user", "spare@example.org"], dataDir, env).done;
  expect(back.stdout).toContain("spare@example.org: user (was admin)");
  // The last admin keeps the role: the instance would have nobody left to moderate.
  for (const demotion of ["--user", "--moderator"]) {
    const refused = await startCli(["user", "create", demotion, "root@example.org"], dataDir, env).done;
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain(
      "root@example.org is this instance's last admin, so it keeps the admin role: give another account the admin role first",
    );
  }
  const both = await startCli(["user", "create", "--admin", "--user", "spare@example.org"], dataDir, env)
    .done;
  expect(both.code).toBe(1);
  const bad = await startCli(["user", "create", "not-an-address"], dataDir, env).done;
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("does not look like an email address");
}

async function expectRoles({ papers, community }: Stores): Promise<void> {
  try {
    expect((await community.accounts.userByEmail("root@example.org"))?.role).toBe("admin");
    expect((await community.accounts.userByEmail("mod@example.org"))?.role).toBe("moderator");
  } finally {
    await papers.close();
  }
}

describe("paperpulse user create", () => {
  it("creates the first admin, promotes an existing account, demotes only when asked and never the last admin, and refuses a bad address", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-user-"));
    await createAccounts(dataDir, {});
    await expectRoles(openSqliteStores(path.join(dataDir, "paperpulse.db")));
  });

  it.skipIf(TEST_DATABASE_URL === null)("does the same in the configured PostgreSQL database", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-user-"));
    const url = await testSchemaUrl();
    await createAccounts(dataDir, { PAPERPULSE_DATABASE_URL: url });
    expect(fs.existsSync(path.join(dataDir, "paperpulse.db"))).toBe(false);
    await expectRoles(await openPostgresStores(url));
  });
});
