/**
 * A duplicate a moderator merged remembers the paper kept (`merged_into`, its id), so that its page
 * can link there; before, only the audit log named it. Merges already made are read back from the
 * audit log ("<duplicate> into <kept>"), where the paper is still hidden since.
 */
export const sql = `
ALTER TABLE hidden_papers ADD COLUMN merged_into TEXT;
UPDATE hidden_papers SET merged_into = (
  SELECT substr(a.target_id, length(p.id) + 7)
  FROM audit_log a JOIN papers p ON p.rowid = hidden_papers.paper_key
  WHERE a.action = 'paper.merge' AND a.target_id LIKE p.id || ' into %' AND a.at >= hidden_papers.hidden_at
  ORDER BY a.at DESC LIMIT 1
);
`;
