-- Issue 8, surveys (ISO 9001 9.1.2): a survey's settings, its numbered
-- versions (the SurveyJS definition and Hearken's metric map, as JSON text
-- the store does not read) and the answers given to a version. Times are
-- TEXT as in schema 1. answer_count counts the complete answers of every
-- version, kept by the write that stores an answer.
CREATE TABLE surveys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  name_lower TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,    -- 'relationship', 'transactional'
  status TEXT NOT NULL,  -- 'draft', 'open', 'closed'
  public_slug TEXT NOT NULL UNIQUE,
  public_link_enabled INTEGER NOT NULL,
  anonymous_allowed INTEGER NOT NULL,
  closes_at TEXT,
  max_answers INTEGER,
  trigger_event TEXT NOT NULL,
  trigger_delay_minutes INTEGER NOT NULL,
  sampling_percent INTEGER NOT NULL,
  current_version INTEGER NOT NULL,
  answer_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE survey_versions (
  survey_id INTEGER NOT NULL REFERENCES surveys (id),
  version INTEGER NOT NULL,
  definition_json TEXT NOT NULL,
  metric_map_json TEXT NOT NULL,
  answer_count INTEGER NOT NULL DEFAULT 0,  -- complete answers of this version
  partial_count INTEGER NOT NULL DEFAULT 0,  -- answers of this version saved partway
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (survey_id, version)
);

CREATE TABLE survey_answers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  survey_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  channel TEXT NOT NULL,  -- 'link', 'invitation', 'embed', 'api', 'import'
  language TEXT NOT NULL,
  customer_id INTEGER REFERENCES customers (id),
  invitation_id INTEGER,  -- invitations come later
  segment_id INTEGER,     -- the customer's segment when the answer came
  answers_json TEXT NOT NULL,
  nps INTEGER,
  csat INTEGER,
  csat_scale INTEGER,
  ces INTEGER,
  overall INTEGER,
  complete INTEGER NOT NULL,
  idempotency_key_hash TEXT,
  submitted_at TEXT NOT NULL,
  FOREIGN KEY (survey_id, version) REFERENCES survey_versions (survey_id, version)
);
CREATE UNIQUE INDEX survey_answers_idempotency ON survey_answers (survey_id, idempotency_key_hash)
  WHERE idempotency_key_hash IS NOT NULL;
CREATE INDEX survey_answers_submitted ON survey_answers (survey_id, submitted_at);
CREATE INDEX survey_answers_survey_id ON survey_answers (survey_id, id);
CREATE INDEX survey_answers_customer ON survey_answers (customer_id) WHERE customer_id IS NOT NULL;
