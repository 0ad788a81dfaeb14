-- The overdue queue costs what the page costs at a million complaints: open
-- complaints newest first with their two due times beside them, so that the
-- queue's capped count reads the index alone and its page walks the index
-- newest first, stopping when the page is full. (ComplaintWhere writes the
-- overdue test as one LEAST() so that the planner does not take the due-time
-- indexes and sort every overdue complaint, as it did: 205 ms at 1,000,000
-- complaints with 36,000 overdue.) Replaces
-- complaints_open_received, whose columns it leads with. SQLite keeps its
-- index: it walks it in page order already.
CREATE INDEX complaints_open_received_due ON complaints (received_at, id) INCLUDE (ack_due_at, resolve_due_at)
  WHERE state NOT IN ('closed', 'withdrawn');
DROP INDEX complaints_open_received;
