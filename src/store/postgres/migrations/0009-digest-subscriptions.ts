/**
 * Digest subscribers, their feedback and the key that signs digest links, at the level of the SQLite
 * migration 0011. The key comes from two random uuids (gen_random_uuid draws from the server's strong
 * random source; pgcrypto is not needed): 64 hex digits, 244 of their bits random.
 */
export const sql = `
CREATE TABLE digest_signing_key (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  key TEXT NOT NULL
);
INSERT INTO digest_signing_key (id, key)
  VALUES (1, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

CREATE TABLE digest_subscribers (
  id TEXT COLLATE "C" PRIMARY KEY,
  email TEXT COLLATE "C" NOT NULL UNIQUE,
  user_id TEXT COLLATE "C" REFERENCES users (id) ON DELETE SET NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed', 'bouncing')),
  frequency TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly')),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
  time_zone TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('trending', 'personal')),
  size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 50),
  topics TEXT NOT NULL,
  bounces INTEGER NOT NULL DEFAULT 0,
  created_at TEXT COLLATE "C" NOT NULL,
  confirmed_at TEXT COLLATE "C",
  unsubscribed_at TEXT COLLATE "C"
);
CREATE INDEX digest_subscribers_by_status ON digest_subscribers (status, id);
CREATE INDEX digest_subscribers_by_user ON digest_subscribers (user_id);

CREATE TABLE digest_feedback (
  subscriber_id TEXT COLLATE "C" NOT NULL REFERENCES digest_subscribers (id) ON DELETE CASCADE,
  paper_id TEXT COLLATE "C" NOT NULL,
  signal INTEGER NOT NULL CHECK (signal IN (-1, 1)),
  at TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (subscriber_id, paper_id)
);
`;
