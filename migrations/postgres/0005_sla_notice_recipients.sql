-- Issue 6, "Writes that are whole": an SLA notice is recorded per recipient,
-- so that when one address fails the SLA job mails only the ones still
-- missing on its next run. A row belongs to one run of the clock (its start
-- time); a restarted clock starts with none.
CREATE TABLE complaint_sla_notice_recipients (
  complaint_id BIGINT NOT NULL REFERENCES complaints (id),
  clock TEXT NOT NULL,
  notice TEXT NOT NULL,
  clock_started_at TIMESTAMPTZ NOT NULL,
  recipient TEXT NOT NULL,
  sent_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (complaint_id, clock, notice, clock_started_at, recipient)
);
