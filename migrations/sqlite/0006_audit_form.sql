-- Canonical form 2 of audit entries (core/audit_chain.h) covers every stored
-- column, customer_id and complaint_id included, so an entry cannot be moved
-- into another history unnoticed. Entries keep the form they were written
-- in: those written before this migration are form 1 and still verify.
ALTER TABLE audit_entries ADD COLUMN form INTEGER NOT NULL DEFAULT 1;
