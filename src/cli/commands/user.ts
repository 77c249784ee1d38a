import { Command, Option } from "commander";
import { normaliseEmail } from "../../community/accounts.js";
import { newId } from "../../community/secrets.js";
import { loadConfig } from "../../config.js";
import type { Role } from "../../store/accounts-store.js";
import { openConfiguredStores } from "../../store/open-store.js";
import { EXIT } from "../exit-codes.js";

/** `paperpulse user create [--admin | --moderator] EMAIL` — how the first admin comes to be. */
export function userCommand(): Command {
  const user = new Command("user").description("Manage accounts");
  user
    .command("create")
    .description("Create an account (or change an existing one's role); it signs in by emailed link")
    .argument("<email>", "the person's email address")
    .addOption(new Option("--admin", "give the account the admin role").conflicts("moderator"))
    .option("--moderator", "give the account the moderator role")
    .action(async (rawEmail: string, options: { admin?: boolean; moderator?: boolean }) => {
      const role: Role = options.admin ? "admin" : options.moderator ? "moderator" : "user";
      const email = normaliseEmail(rawEmail);
      const { papers, community } = await openConfiguredStores(loadConfig());
      try {
        const account = await community.accounts.ensureUser({
          id: newId(),
          email,
          role,
          createdAt: new Date().toISOString(),
        });
        if (account.role !== role) await community.accounts.setRole(account.id, role);
        process.stdout.write(`${email}: ${role}${account.role === role ? "" : ` (was ${account.role})`}\n`);
        process.exitCode = EXIT.ok;
      } finally {
        await papers.close();
      }
    });
  return user;
}
