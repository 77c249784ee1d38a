/**
 * Each digest records the last listing day it covers, so that the next one starts after it whatever the
 * subscriber changed meanwhile (SQLite 0027).
 */
export const sql = `
ALTER TABLE digest_deliveries ADD COLUMN covered_through TEXT COLLATE "C";
`;
