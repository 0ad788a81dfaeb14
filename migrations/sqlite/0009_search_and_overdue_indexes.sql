-- Searches whose last word is a prefix ("credit rep") cost what the page
-- costs at a million complaints: without a prefix index FTS5 merges the
-- whole posting list of every word that starts so (about 200 ms for
-- "report" at 1,000,000 complaints); with one it reads the prefix's own list
-- newest first and stops after the page. FTS5 uses a prefix index only for a
-- prefix of exactly its length, so there is one for 3 to 6 characters (a
-- longer prefix is shared by few words). The index is rebuilt with the
-- option, which FTS5 cannot add to an existing table.
CREATE VIRTUAL TABLE complaint_fts_prefixed USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2',
                                                        prefix = '3 4 5 6');
INSERT INTO complaint_fts_prefixed (rowid, body) SELECT rowid, body FROM complaint_fts;
DROP TABLE complaint_fts;
ALTER TABLE complaint_fts_prefixed RENAME TO complaint_fts;
