/**
 * A category filter finds its papers through this index instead of testing every paper's categories:
 * a rare category ("hep-th": 153 papers of 1M) took 4.8–5.0 s walking every row, 2 ms with it; a common
 * one keeps walking the key index backwards until it has its newest papers. About 3 s to
 * build at 1M papers.
 */
export const sql = `
CREATE INDEX papers_by_category ON papers USING GIN (categories);
`;
