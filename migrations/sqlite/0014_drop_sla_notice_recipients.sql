-- Issue 7: SLA notices reach staff as notifications, one digest per person
-- and run (migration 0012), whose mail state is kept per person; the
-- per-recipient bookkeeping of migration 0005 has had no reader since.
DROP TABLE complaint_sla_notice_recipients;
