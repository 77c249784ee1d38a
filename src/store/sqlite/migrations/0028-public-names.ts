/**
 * The name a person shows on their comments, chosen on their profile: before, comments showed their
 * address's local part, which told strangers part of it and let anyone pass for anyone ("admin" from
 * admin@elsewhere). `public_name_key` is the name folded for comparison (core: publicNameKey), so that
 * two people cannot take names that look the same (ADR 0031).
 */
export const sql = `
ALTER TABLE users ADD COLUMN public_name TEXT;
ALTER TABLE users ADD COLUMN public_name_key TEXT;
CREATE UNIQUE INDEX users_public_name_key ON users (public_name_key) WHERE public_name_key IS NOT NULL;
`;
