-- Issue 7, "People told what needs them": what each member of staff is told
-- (a case assigned to them, the complainant's reply or rating, an SLA near or
-- breached on their case, a corrective action of theirs due) — an inbox in
-- the app, and by e-mail as one digest per person and run of the mail job.
-- dedupe_key makes a notice about one event idempotent per person (the SLA
-- job may see the same breach on every run). mail_state: pending (the mail
-- job has not looked), sent, or skipped (the person does not want this kind
-- by e-mail, or has no address).
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL,
  complaint_id INTEGER REFERENCES complaints (id),
  action_id INTEGER REFERENCES corrective_actions (id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT NOT NULL,
  in_app INTEGER NOT NULL,  -- in the inbox (the person wants this kind in the app)
  dedupe_key TEXT,
  created_at TEXT NOT NULL,
  read_at TEXT,
  mail_state TEXT NOT NULL,
  mailed_at TEXT
);
CREATE INDEX notifications_inbox ON notifications (user_id, id) WHERE in_app;
CREATE INDEX notifications_unread ON notifications (user_id, id) WHERE in_app AND read_at IS NULL;
CREATE INDEX notifications_to_mail ON notifications (user_id, id) WHERE mail_state = 'pending';
CREATE UNIQUE INDEX notifications_once ON notifications (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;

-- Per person and kind: in the app and by e-mail (no row: both on).
CREATE TABLE notification_preferences (
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL,
  in_app INTEGER NOT NULL,
  email INTEGER NOT NULL,
  PRIMARY KEY (user_id, kind)
);
