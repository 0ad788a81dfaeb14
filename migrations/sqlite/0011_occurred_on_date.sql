-- When a complaint happened is a calendar date ("When did it happen?
-- 2026-11-20"), not an instant: stored as YYYY-MM-DD, it reads the same in
-- every zone, where the instant at UTC midnight read "19 Nov 2026, 16:00" in
-- Los Angeles. The public form only ever sent a date (stored as its UTC
-- midnight), so the UTC date of the old value is the day that was meant.
ALTER TABLE complaints ADD COLUMN occurred_on TEXT;  -- YYYY-MM-DD
UPDATE complaints SET occurred_on = substr(occurred_at, 1, 10) WHERE occurred_at IS NOT NULL;
ALTER TABLE complaints DROP COLUMN occurred_at;
