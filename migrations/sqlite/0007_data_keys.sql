-- Crypto-shredding (core/personal_seal.h): the personal fields of audit
-- entries are sealed with a data key per complaint or customer record, kept
-- here wrapped by the server key from the key directory. Erasing a person
-- destroys their keys (wrapped_key NULL): the sealed text in the audit trail
-- can no longer be opened, and the chain, which hashes the sealed text,
-- still verifies.
CREATE TABLE data_keys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  owner TEXT NOT NULL UNIQUE,  -- "complaint:ID" or "customer:ID"
  wrapped_key TEXT,            -- hex nonce and ciphertext; NULL once destroyed
  created_at TEXT NOT NULL,
  destroyed_at TEXT
);
