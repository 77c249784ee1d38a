/**
 * One dense vector per paper, with the model that made it. Components are int8 with one scale per
 * vector (a quarter of f32's size; ADR 0008). `seq` only grows, so an index that has read every
 * vector up to some seq can catch up on later writes alone.
 */
export const sql = `
CREATE TABLE paper_vectors (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  paper_key INTEGER NOT NULL UNIQUE REFERENCES papers (rowid),
  model_id TEXT NOT NULL,
  scale REAL NOT NULL,
  components BLOB NOT NULL
);
CREATE INDEX paper_vectors_by_model ON paper_vectors (model_id, seq);
`;
