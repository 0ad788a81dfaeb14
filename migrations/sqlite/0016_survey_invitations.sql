-- Issue 8, survey distribution: personal invitations to a survey, the
-- tokens of their links (only as hashes), the durable queue of their mails
-- (first mail and reminders, each with the time it is due: a transactional
-- trigger's delay, the end of quiet hours, a retry), each survey's mail
-- templates, and the organisation's contact rules (one row). Times are TEXT
-- as in schema 1. An invitation never holds an e-mail address: the mail
-- goes to the customer's address at the time it is sent.
CREATE TABLE survey_invitations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  survey_id INTEGER NOT NULL REFERENCES surveys (id),
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  -- 'scheduled' (its mail is queued), 'sent', 'opened', 'started',
  -- 'completed', 'bounced', 'opted_out', 'cancelled' (not sent: consent
  -- withdrawn, no address, survey closed before its mail was due)
  status TEXT NOT NULL,
  origin TEXT NOT NULL,      -- 'staff', 'event'
  event_name TEXT NOT NULL,  -- the trigger event ('' for staff invitations)
  event_id TEXT,             -- the event's id: one invitation per survey and event
  language TEXT NOT NULL,    -- the locale the respondent last used ('' = default)
  partial_json TEXT,         -- the answers saved partway, until completed
  answer_id INTEGER REFERENCES survey_answers (id),
  reminder_count INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',  -- why it bounced or was cancelled
  created_at TEXT NOT NULL,
  sent_at TEXT,
  opened_at TEXT,
  started_at TEXT,
  completed_at TEXT,
  bounced_at TEXT,
  opted_out_at TEXT,
  cancelled_at TEXT,
  reminded_at TEXT
);
CREATE INDEX survey_invitations_survey ON survey_invitations (survey_id, status, id);
CREATE INDEX survey_invitations_customer ON survey_invitations (customer_id, created_at);
CREATE UNIQUE INDEX survey_invitations_event ON survey_invitations (survey_id, event_id)
  WHERE event_id IS NOT NULL;

-- Every link token issued for an invitation (one per mail), as its hash.
CREATE TABLE survey_invitation_tokens (
  token_hash TEXT PRIMARY KEY,
  invitation_id INTEGER NOT NULL REFERENCES survey_invitations (id),
  issued_at TEXT NOT NULL
);
CREATE INDEX survey_invitation_tokens_invitation ON survey_invitation_tokens (invitation_id);

-- Mails to send: kind 'invitation' or 'reminder', due at due_at.
CREATE TABLE survey_invitation_queue (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  invitation_id INTEGER NOT NULL REFERENCES survey_invitations (id),
  kind TEXT NOT NULL,
  due_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX survey_invitation_queue_due ON survey_invitation_queue (due_at, id);
CREATE INDEX survey_invitation_queue_invitation ON survey_invitation_queue (invitation_id);

CREATE TABLE survey_mail_templates (
  survey_id INTEGER PRIMARY KEY REFERENCES surveys (id),
  invitation_subject TEXT NOT NULL,
  invitation_body TEXT NOT NULL,
  reminder_subject TEXT NOT NULL,
  reminder_body TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- The organisation's contact rules: at most one invitation per customer in
-- min_days_between days across all surveys; no mail in the quiet hours
-- (minutes after local midnight in the organisation's time zone; equal
-- start and end: none).
CREATE TABLE survey_contact_rules (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  min_days_between INTEGER NOT NULL,
  quiet_start_minute INTEGER NOT NULL,
  quiet_end_minute INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO survey_contact_rules (id, min_days_between, quiet_start_minute, quiet_end_minute, updated_at)
  VALUES (1, 30, 1260, 480, '1970-01-01T00:00:00.000000Z');
