-- Idempotency keys (the Idempotency-Key header on POSTs that create): a
-- retried request with the same key in the same scope gets the first answer
-- and creates nothing. `scope` is the caller (a user id, or a public client
-- address); the key itself is kept only as a hash. `fingerprint` is the hash
-- of method, target and body, so a key reused for another request is
-- refused. Pending rows (state 'pending') are claims whose answer is not yet
-- recorded; a write made under the key links its entity in its own
-- transaction (entity_type, entity_id), so a crash before the answer is
-- recorded still shows that the request took effect.
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  state TEXT NOT NULL,  -- 'pending' | 'done'
  status INTEGER,
  content_type TEXT,
  location TEXT,
  body TEXT,
  entity_type TEXT,
  entity_id TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (scope, key_hash)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
