/**
 * Replies by parent: a comment's row deleted (a table rebuilt, as in migration 21) is checked against
 * the replies naming it, which without this index reads every comment. Every other foreign key's column
 * already leads an index.
 */
export const sql = `
CREATE INDEX IF NOT EXISTS comments_by_parent ON comments (parent_id);
`;
