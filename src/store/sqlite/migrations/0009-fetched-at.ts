/**
 * When each paper's metadata was last read from arXiv itself (an OAI-PMH harvest or an API look-up);
 * null for papers that came only from files or feeds. The staleness rule of `paperpulse refresh` reads
 * it (see src/ingest/arxiv/refresh.ts).
 */
export const sql = `
ALTER TABLE papers ADD COLUMN fetched_at TEXT;
`;
