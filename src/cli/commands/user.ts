import { Command, Option } from "commander";
import { normaliseEmail } from "../../community/accounts.js";
import { changeRole } from "../../community/roles.js";
import { newId } from "../../community/secrets.js";
import { loadConfig } from "../../config.js";
import type { Role } from "../../store/accounts-store.js";
import { openConfiguredStores } from "../../store/open-store.js";
import { EXIT } from "../exit-codes.js";

/** The role the options ask for; none: a new account is a user and an existing one keeps its role. */
function wantedRole(options: { admin?: boolean; moderator?: boolean; user?: boolean }): Role | null {
  if (options.admin) return "admin";
  if (options.moderator) return "moderator";
  return options.user ? "user" : null;
}

/**
 * `paperpulse user create [--admin | --moderator | --user] EMAIL` — how the first admin comes to be.
 * Taking the admin role from the last admin fails (exit code 1) and changes nothing.
 */
export function userCommand(): Command {
  const user = new Command("user").description("Manage accounts");
  user
    .command("create")
    .description("Create an account (or change an existing one's role); it signs in by emailed link")
    .argument("<email>", "the person's email address")
    .addOption(new Option("--admin", "give the account the admin role").conflicts(["moderator", "user"]))
    .addOption(new Option("--moderator", "give the account the moderator role").conflicts("user"))
    .option("--user", "make an existing account a plain user again (without a role option it keeps its role)")
    .action(async (rawEmail: string, options: { admin?: boolean; moderator?: boolean; user?: boolean }) => {
      const wanted = wantedRole(options);
      const email = normaliseEmail(rawEmail);
      const { papers, community } = await openConfiguredStores(loadConfig());
      try {
        const account = await community.accounts.ensureUser({
          id: newId(),
          email,
          role: wanted ?? "user",
          createdAt: new Date().toISOString(),
        });
        const role = wanted ?? account.role;
        if (account.role !== role) await changeRole(community.accounts, account, role);
        process.stdout.write(`${email}: ${role}${account.role === role ? "" : ` (was ${account.role})`}\n`);
        process.exitCode = EXIT.ok;
      } finally {
        await papers.close();
      }
    });
  return user;
}
