-- Issue 8, one feedback model (ISO 9001 9.1.2): every listening channel
-- other than surveys writes a feedback item; what only a channel has lives
-- in its own table, named by (detail_kind, detail_id). Social mentions are
-- the first such table; mystery-shopping visits, focus-group quotes and
-- lifecycle events add theirs later. Times are TEXT (UTC) as in schema 1;
-- the offset or zone a time came with is kept beside it. See
-- src/store/feedback_store.h.
CREATE TABLE feedback_items (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source TEXT NOT NULL,  -- form, widget, social, mystery_shopping, focus_group, interview, retention, api
  text TEXT NOT NULL,
  rating INTEGER,
  rating_scale INTEGER,  -- 5 or 7: 1..scale; 10 or 100: 0..scale
  customer_id INTEGER REFERENCES customers (id),
  segment_id INTEGER,  -- the customer's segment when the item came (no reference: segments may be deleted)
  site TEXT NOT NULL,
  touchpoint TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  occurred_offset_minutes INTEGER,  -- minutes east of UTC the time came with
  occurred_zone TEXT NOT NULL,      -- or its IANA zone name
  language TEXT NOT NULL,
  tags TEXT NOT NULL,               -- JSON array, for reading; feedback_tags for filtering
  contact_email TEXT NOT NULL,
  complaint_id INTEGER UNIQUE REFERENCES complaints (id),
  detail_kind TEXT NOT NULL,        -- '', 'social_mention'; later 'mystery_visit', 'focus_group_quote', 'lifecycle_event'
  detail_id INTEGER,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX feedback_items_occurred ON feedback_items (occurred_at, id);
CREATE INDEX feedback_items_source ON feedback_items (source, occurred_at);
CREATE INDEX feedback_items_customer ON feedback_items (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX feedback_items_segment ON feedback_items (segment_id) WHERE segment_id IS NOT NULL;
CREATE INDEX feedback_items_site ON feedback_items (site, occurred_at);

CREATE TABLE feedback_tags (
  feedback_id INTEGER NOT NULL REFERENCES feedback_items (id),
  tag TEXT NOT NULL,
  PRIMARY KEY (feedback_id, tag)
);
CREATE INDEX feedback_tags_tag ON feedback_tags (tag, feedback_id);

CREATE TABLE social_mentions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  feedback_id INTEGER NOT NULL UNIQUE REFERENCES feedback_items (id),
  platform TEXT NOT NULL,
  post_id TEXT NOT NULL,
  author_handle TEXT NOT NULL,
  url TEXT NOT NULL,
  posted_at TEXT NOT NULL,
  posted_offset_minutes INTEGER,
  UNIQUE (platform, post_id)
);

-- The secret of each incoming-webhook source, sealed with the server's
-- data-wrapping key (never plain in the database, never in the audit trail).
CREATE TABLE webhook_sources (
  name TEXT PRIMARY KEY,
  sealed_secret TEXT NOT NULL,
  previous_sealed_secret TEXT,
  previous_valid_until TEXT,
  created_at TEXT NOT NULL,
  rotated_at TEXT
);

-- Delivery ids seen per source: a second delivery with the same id is refused.
CREATE TABLE webhook_deliveries (
  source TEXT NOT NULL REFERENCES webhook_sources (name),
  delivery_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  created INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  PRIMARY KEY (source, delivery_id)
);
