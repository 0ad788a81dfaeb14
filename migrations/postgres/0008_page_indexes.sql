-- Indexes that let a page of the complaint list or a queue cost what the
-- page costs at a million complaints: open complaints newest first (the
-- open, overdue and unassigned queues; the condition is written exactly as
-- ComplaintWhere writes it, so the planner can use the partial index), and
-- a handler's own cases newest first (the "mine" queue).
CREATE INDEX complaints_open_received ON complaints (received_at, id) WHERE state NOT IN ('closed', 'withdrawn');
CREATE INDEX complaints_assignee_received ON complaints (assignee_id, received_at, id);
DROP INDEX complaints_assignee;
