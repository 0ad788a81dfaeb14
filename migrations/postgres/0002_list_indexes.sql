-- Indexes for the default orders of the lists: customers by name
-- (case-insensitive), requirements by creation, communications by when they
-- happened.
CREATE INDEX customers_name_lower ON customers (lower(name), id);
CREATE INDEX requirements_created ON requirements (created_at, id);
CREATE INDEX communications_occurred ON communications (occurred_at, id);
