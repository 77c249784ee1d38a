import type { Role, User } from "../accounts-store.js";

/** Account rows as both stores read them (same columns, same mapping). */
export interface UserRow {
  id: string;
  email: string;
  role: Role;
  password_hash: string | null;
  suspended_at: string | null;
  created_at: string;
  public_name: string | null;
}

export interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export const USER_COLUMNS =
  "u.id, u.email, u.role, u.password_hash, u.suspended_at, u.created_at, u.public_name";

export function rowToUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    passwordHash: row.password_hash,
    suspendedAt: row.suspended_at,
    createdAt: row.created_at,
    publicName: row.public_name,
  };
}
