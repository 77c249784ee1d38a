/**
 * Deleting an account (ADR 0027): comments and audit entries outlive their author, who becomes
 * "deleted user" (user_id / actor_id NULL), so threads and the moderation record keep their shape.
 * The SQLite migration 0021 does the same. The new indexes find a person's rows when they go.
 */
export const sql = `
ALTER TABLE comments ALTER COLUMN user_id DROP NOT NULL,
  DROP CONSTRAINT comments_user_id_fkey,
  ADD CONSTRAINT comments_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX comments_by_user ON comments (user_id);

ALTER TABLE audit_log ALTER COLUMN actor_id DROP NOT NULL,
  DROP CONSTRAINT audit_log_actor_id_fkey,
  ADD CONSTRAINT audit_log_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX audit_log_by_actor ON audit_log (actor_id);
`;
