/**
 * Each paper's day and upvotes by row key: the search page's trend reads them for up to 10,000 matches,
 * and a paper's row is a page of its own (the abstract comes first), so reading them there costs a page
 * per match; this index holds hundreds of papers per page (SqliteSearch.monthCounts).
 */
export const sql = `
CREATE INDEX papers_trend_by_key ON papers (rowid, day, upvotes);
`;
