/**
 * Each digest records the last listing day it covers, so that the next one starts after it whatever the
 * subscriber changed meanwhile (frequency, weekday, time zone): before, a change could send the same
 * days again the same day, or skip some. Digests prepared before keep none (null): the next one covers
 * its period's days as before.
 */
export const sql = `
ALTER TABLE digest_deliveries ADD COLUMN covered_through TEXT;
`;
