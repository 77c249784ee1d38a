/** Where each live source (OAI-PMH harvest, announcement feeds) stands, e.g. its high-water mark. */
export const sql = `
CREATE TABLE source_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  saved_at TEXT NOT NULL
);
`;
