/**
 * Digest subscribers (an email, with or without an account), their schedule and topics, their "more
 * like this / less like this" feedback, and the key that signs the links in digest mails: generated
 * here, once per database, so the embedded tier has nothing to configure.
 */
export const sql = `
CREATE TABLE digest_signing_key (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  key TEXT NOT NULL
);
INSERT INTO digest_signing_key (id, key) VALUES (1, lower(hex(randomblob(32))));

CREATE TABLE digest_subscribers (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed', 'bouncing')),
  frequency TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly')),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
  time_zone TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('trending', 'personal')),
  size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 50),
  topics TEXT NOT NULL,
  bounces INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  confirmed_at TEXT,
  unsubscribed_at TEXT
);
CREATE INDEX digest_subscribers_by_status ON digest_subscribers (status);
CREATE INDEX digest_subscribers_by_user ON digest_subscribers (user_id);

CREATE TABLE digest_feedback (
  subscriber_id TEXT NOT NULL REFERENCES digest_subscribers (id) ON DELETE CASCADE,
  paper_id TEXT NOT NULL,
  signal INTEGER NOT NULL CHECK (signal IN (-1, 1)),
  at TEXT NOT NULL,
  PRIMARY KEY (subscriber_id, paper_id)
) WITHOUT ROWID;
`;
