/**
 * Finished jobs by when they finished: the queue forgets completed and failed jobs after a retention
 * (SqliteJobQueue), and this index lets it find them without reading the whole table.
 */
export const sql = `
CREATE INDEX jobs_finished ON jobs (state, completed_at);
`;
