/**
 * The HNSW graph of each model, kept in the database for every web node (ADR 0015): its description
 * (as the node wrote it) and its bytes in chunks, named by the file's SHA-256 so a new graph is
 * written beside the old one and replaces it in one commit.
 */
export const sql = `
CREATE TABLE vector_graphs (
  model_id TEXT PRIMARY KEY,
  last_seq BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  description TEXT NOT NULL,
  saved_at TEXT NOT NULL
);

CREATE TABLE vector_graph_chunks (
  sha256 TEXT NOT NULL,
  part INTEGER NOT NULL,
  bytes BYTEA NOT NULL,
  PRIMARY KEY (sha256, part)
);
-- Graph bytes do not compress: stored out of line as they are, without a compression attempt.
ALTER TABLE vector_graph_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;
`;
