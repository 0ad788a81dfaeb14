-- Issue 7, "Daily-work essentials": a duplicate complaint merged into the
-- case that carries on is closed (closure 'duplicate') and names that case;
-- the surviving case lists the messages of the cases merged into it.
ALTER TABLE complaints ADD COLUMN merged_into_id INTEGER REFERENCES complaints (id);
CREATE INDEX complaints_merged_into ON complaints (merged_into_id) WHERE merged_into_id IS NOT NULL;

-- A saved view: a named set of list filters (the list page's query string),
-- private to its owner or shared with every member of staff.
CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  list TEXT NOT NULL,  -- 'complaints'
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  owner_id INTEGER NOT NULL REFERENCES users (id),
  shared INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX saved_views_name ON saved_views (list, owner_id, name);
