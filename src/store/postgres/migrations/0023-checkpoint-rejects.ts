/**
 * An import's checkpoint counts the lines of its file rejected so far, so that an import resumed after
 * an interruption still reports them (SQLite 0026).
 */
export const sql = `
ALTER TABLE import_checkpoints ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;
`;
