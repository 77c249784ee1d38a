import type { AccountStore, Role, User } from "../store/accounts-store.js";
import { CommunityError } from "./errors.js";

/**
 * Gives an account a role. The store refuses, in the same transaction as the change, to take the admin
 * role from the last admin in good standing: an instance always keeps someone who can moderate.
 */
export async function changeRole(accounts: AccountStore, user: User, role: Role): Promise<void> {
  const outcome = await accounts.setRole(user.id, role);
  if (outcome === "last_admin") {
    throw new CommunityError(
      "conflict",
      `${user.email} is this instance's last admin, so it keeps the admin role: give another account ` +
        "the admin role first (paperpulse user create EMAIL --admin).",
    );
  }
  if (outcome === "not_found") throw new CommunityError("not_found", `There is no account ${user.email}.`);
}
