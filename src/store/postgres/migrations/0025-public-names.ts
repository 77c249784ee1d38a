/** The name a person shows on their comments, and its folded form, unique (SQLite 0028). */
export const sql = `
ALTER TABLE users ADD COLUMN public_name TEXT;
ALTER TABLE users ADD COLUMN public_name_key TEXT COLLATE "C";
CREATE UNIQUE INDEX users_public_name_key ON users (public_name_key) WHERE public_name_key IS NOT NULL;
`;
