-- When a complaint happened is a calendar date ("When did it happen?
-- 2026-11-20"), not an instant: stored as YYYY-MM-DD, it reads the same in
-- every zone, where the instant at UTC midnight read "19 Nov 2026, 16:00" in
-- Los Angeles. The public form only ever sent a date (stored as its UTC
-- midnight), so the UTC date of the old value is the day that was meant.
ALTER TABLE complaints ADD COLUMN occurred_on TEXT;  -- YYYY-MM-DD, as corrective_actions.due_date
UPDATE complaints SET occurred_on = to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') WHERE occurred_at IS NOT NULL;
ALTER TABLE complaints DROP COLUMN occurred_at;
