-- Hearken schema 3 (SQLite): complaint handling (issue 3). Complaints with
-- their SLA clocks and pauses, messages, attachments, the category taxonomy,
-- per-year reference counters, handling ratings, corrective actions, period
-- volumes for u-charts, the complaint settings, and a full-text index
-- (FTS5) over complaint text and messages. Times are TEXT as in schema 1.

CREATE TABLE complaint_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  settings TEXT NOT NULL,  -- JSON of ComplaintSettings (json_codec); '' = defaults
  updated_at TEXT NOT NULL
);
INSERT INTO complaint_settings (id, settings, updated_at) VALUES (1, '', '1970-01-01T00:00:00.000000Z');

CREATE TABLE complaint_categories (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  parent_id INTEGER REFERENCES complaint_categories (id),
  name TEXT NOT NULL,
  name_lower TEXT NOT NULL,
  path TEXT NOT NULL,
  depth INTEGER NOT NULL,  -- 1 for a top-level category
  active INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
-- Unique among siblings; top-level siblings have parent 0 in this key.
CREATE UNIQUE INDEX complaint_categories_sibling ON complaint_categories (coalesce(parent_id, 0), name_lower);
CREATE INDEX complaint_categories_path ON complaint_categories (path);

-- The last number handed out per year of receipt.
CREATE TABLE complaint_reference_counters (
  year INTEGER PRIMARY KEY,
  last_number INTEGER NOT NULL
);

CREATE TABLE complaints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  reference TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL,
  paused_from TEXT,
  closure TEXT,
  intake TEXT NOT NULL,
  channel TEXT NOT NULL,
  summary TEXT NOT NULL,
  description TEXT NOT NULL,
  product TEXT NOT NULL,
  occurred_at TEXT,
  remedy_wanted TEXT NOT NULL,
  contact_name TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  consent_contact INTEGER NOT NULL,
  customer_id INTEGER REFERENCES customers (id),
  segment_id INTEGER REFERENCES segments (id),
  site TEXT NOT NULL,
  category_id INTEGER REFERENCES complaint_categories (id),
  external_ref TEXT,        -- NULL when none (unique when given)
  source_message_id TEXT,   -- NULL when none (unique when given)
  assignee_id INTEGER REFERENCES users (id),
  severity INTEGER,
  priority TEXT,
  immediate_action INTEGER NOT NULL DEFAULT 0,
  immediate_action_note TEXT NOT NULL DEFAULT '',
  whys TEXT NOT NULL DEFAULT '[]',      -- JSON array of strings
  cause_category TEXT,
  root_cause TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  decision TEXT NOT NULL DEFAULT '',
  remedies TEXT NOT NULL DEFAULT '[]',  -- JSON array of remedy names
  remedy_detail TEXT NOT NULL DEFAULT '',
  source_outcome TEXT NOT NULL DEFAULT '',
  source_timely INTEGER,
  received_at TEXT NOT NULL,
  acknowledged_at TEXT,
  responded_at TEXT,
  closed_at TEXT,
  reopen_count INTEGER NOT NULL DEFAULT 0,
  ack_started_at TEXT NOT NULL,
  ack_stopped_at TEXT,
  resolve_started_at TEXT NOT NULL,
  resolve_stopped_at TEXT,
  ack_due_at TEXT,
  resolve_due_at TEXT,
  ack_warned_at TEXT,
  ack_escalated_at TEXT,
  resolve_warned_at TEXT,
  resolve_escalated_at TEXT,
  status_token_hash TEXT NOT NULL UNIQUE,
  rating_token_hash TEXT UNIQUE,
  rating_token_used INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX complaints_external_ref ON complaints (external_ref) WHERE external_ref IS NOT NULL;
CREATE UNIQUE INDEX complaints_source_message ON complaints (source_message_id) WHERE source_message_id IS NOT NULL;
CREATE INDEX complaints_received ON complaints (received_at, id);
CREATE INDEX complaints_state ON complaints (state);
CREATE INDEX complaints_assignee ON complaints (assignee_id);
CREATE INDEX complaints_category ON complaints (category_id);
CREATE INDEX complaints_customer ON complaints (customer_id);
CREATE INDEX complaints_ack_due ON complaints (ack_due_at);
CREATE INDEX complaints_resolve_due ON complaints (resolve_due_at);

-- Pauses of the resolve clock (waiting on the complainant); `ended_at` NULL
-- while the pause lasts. Only pauses at or after the complaint's
-- resolve_started_at count for the current clock.
CREATE TABLE complaint_pauses (
  complaint_id INTEGER NOT NULL REFERENCES complaints (id),
  started_at TEXT NOT NULL,
  ended_at TEXT,
  PRIMARY KEY (complaint_id, started_at)
);

CREATE TABLE complaint_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  complaint_id INTEGER NOT NULL REFERENCES complaints (id),
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  author_id INTEGER REFERENCES users (id),
  author TEXT NOT NULL,
  mail_message_id TEXT,  -- NULL when none; unique per complaint
  created_at TEXT NOT NULL
);
CREATE INDEX complaint_messages_complaint ON complaint_messages (complaint_id, id);
CREATE UNIQUE INDEX complaint_messages_mail ON complaint_messages (complaint_id, mail_message_id)
  WHERE mail_message_id IS NOT NULL;

CREATE TABLE complaint_attachments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  complaint_id INTEGER NOT NULL REFERENCES complaints (id),
  message_id INTEGER REFERENCES complaint_messages (id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  blake2b TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  -- The file's bytes as lower-case hex: the adapter binds every string as
  -- TEXT, and SQLite 3.40 has no unhex(), so hex keeps NULs and any byte
  -- lossless. The store encodes and decodes it.
  content TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX complaint_attachments_complaint ON complaint_attachments (complaint_id, id);

CREATE TABLE handling_ratings (
  complaint_id INTEGER PRIMARY KEY REFERENCES complaints (id),
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment TEXT NOT NULL,
  rated_at TEXT NOT NULL
);

CREATE TABLE corrective_actions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  owner_id INTEGER REFERENCES users (id),
  due_date TEXT,  -- YYYY-MM-DD
  status TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE corrective_action_complaints (
  action_id INTEGER NOT NULL REFERENCES corrective_actions (id),
  complaint_id INTEGER NOT NULL REFERENCES complaints (id),
  PRIMARY KEY (action_id, complaint_id)
);
CREATE INDEX corrective_action_complaints_complaint ON corrective_action_complaints (complaint_id);

CREATE TABLE period_volumes (
  period TEXT PRIMARY KEY,
  volume REAL NOT NULL,
  unit TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Full text over the complaint (summary, description, product, remedy
-- wanted, root cause, decision, reference) and its messages: one row per
-- complaint (rowid = complaint id) kept by the store on every write.
CREATE VIRTUAL TABLE complaint_fts USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2');

-- The timeline of a complaint: audit entries about the complaint and the
-- records that belong to it (messages, attachments, rating) carry its id.
-- Not part of the hashed canonical form.
ALTER TABLE audit_entries ADD COLUMN complaint_id INTEGER;
CREATE INDEX audit_entries_complaint ON audit_entries (complaint_id);
