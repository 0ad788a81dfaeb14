-- Hearken schema 1 (SQLite): organisation settings, access control, the
-- customer register (customers, segments, requirements, communications) and
-- the hash-chained audit trail. Times are TEXT in FormatTimestamp form
-- ("2026-11-24T16:45:58.123456Z"), which sorts chronologically.

CREATE TABLE settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO settings (id, name, time_zone, updated_at)
VALUES (1, 'My organisation', 'UTC', '1970-01-01T00:00:00.000000Z');

CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE,  -- lower-case
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'quality_manager', 'handler', 'viewer')),
  enabled INTEGER NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE segments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  name_lower TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE segment_needs (
  segment_id INTEGER NOT NULL REFERENCES segments (id),
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  need_class TEXT NOT NULL,
  importance INTEGER NOT NULL,
  PRIMARY KEY (segment_id, position)
);

CREATE TABLE customers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  email_lower TEXT UNIQUE,  -- NULL when no e-mail
  phone TEXT NOT NULL,
  segment_id INTEGER REFERENCES segments (id),
  site TEXT NOT NULL,
  tags TEXT NOT NULL,  -- JSON array of strings
  consent_survey INTEGER NOT NULL,
  consent_survey_at TEXT,
  consent_marketing INTEGER NOT NULL,
  consent_marketing_at TEXT,
  external_ref TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX customers_name ON customers (name);
CREATE INDEX customers_segment ON customers (segment_id);

CREATE TABLE requirements (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  version INTEGER NOT NULL,
  scope TEXT NOT NULL,
  customer_id INTEGER REFERENCES customers (id),
  segment_id INTEGER REFERENCES segments (id),
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  source_ref TEXT NOT NULL,
  status TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX requirements_customer ON requirements (customer_id);
CREATE INDEX requirements_segment ON requirements (segment_id);

CREATE TABLE requirement_versions (
  requirement_id INTEGER NOT NULL REFERENCES requirements (id),
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  source_ref TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (requirement_id, version)
);

CREATE TABLE requirement_reviews (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  requirement_id INTEGER NOT NULL REFERENCES requirements (id),
  version INTEGER NOT NULL,
  reviewer_id INTEGER,
  reviewer TEXT NOT NULL,
  reviewed_at TEXT NOT NULL,
  outcome TEXT NOT NULL,
  notes TEXT NOT NULL
);
CREATE INDEX requirement_reviews_requirement ON requirement_reviews (requirement_id);

CREATE TABLE communications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  channel TEXT NOT NULL,
  direction TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  recorded_by_id INTEGER,
  recorded_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX communications_customer ON communications (customer_id);

-- The audit trail: append-only, each entry chained to the one before by
-- hash = BLAKE2b-256(prev_hash || canonical form) (core/audit_chain.h).
CREATE TABLE audit_entries (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  reason TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  customer_id INTEGER  -- the customer the record belongs to, for its history
);
CREATE INDEX audit_entries_entity ON audit_entries (entity_type, entity_id);
CREATE INDEX audit_entries_customer ON audit_entries (customer_id);

CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'audit entries are append-only');
END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'audit entries are append-only');
END;

-- The last link of the chain, moved in the same transaction as each append:
-- removing entries at the end is detected against it.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
