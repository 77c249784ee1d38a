/**
 * An import's checkpoint counts the lines of its file rejected so far, so that an import resumed after
 * an interruption still reports them (its exit status and summary); before, they were forgotten.
 */
export const sql = `
ALTER TABLE import_checkpoints ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;
`;
