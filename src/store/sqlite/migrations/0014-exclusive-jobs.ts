/**
 * Jobs that run one at a time (SendOptions.exclusiveKey): at most one such job per queue and key
 * waits to start (the unique index refuses a second), and a fetch skips one while another with its
 * key is active.
 */
export const sql = `
ALTER TABLE jobs ADD COLUMN exclusive_key TEXT;
CREATE UNIQUE INDEX jobs_one_waiting_per_exclusive_key ON jobs (queue, exclusive_key) WHERE state = 'created';
`;
