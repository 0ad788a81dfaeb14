-- The list's other sorts cost what the page costs at a million complaints:
-- each order the UI offers walks an index in that order and stops when the
-- page is full, instead of sorting every matching complaint — most severe
-- first and due soonest (unassessed complaints and stopped clocks last, as
-- the list's ORDER BY writes them: "severity IS NULL, severity, id"), and
-- recently updated. The single-column due-time indexes stay for the SLA job.
CREATE INDEX complaints_by_severity ON complaints ((severity IS NULL), severity, id);
CREATE INDEX complaints_by_ack_due ON complaints ((ack_due_at IS NULL), ack_due_at, id);
CREATE INDEX complaints_by_resolve_due ON complaints ((resolve_due_at IS NULL), resolve_due_at, id);
CREATE INDEX complaints_by_updated ON complaints (updated_at, id);
