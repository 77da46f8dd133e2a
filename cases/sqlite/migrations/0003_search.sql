-- Text search: an FTS5 index over cases.search (description and address).
-- Words are runs of letters and digits, case-folded, with the diacritics of
-- Latin letters removed ("Peña" is indexed as "pena"). Prefixes of one to
-- twelve characters have index entries of their own, so that a word of a
-- filter ("n", "main", "streetlight") is one index lookup, not a merge of
-- the entries of every word it begins (which costs as many steps as cases
-- have those words). Longer words of a filter are merged.
CREATE VIRTUAL TABLE cases_fts USING fts5 (
	search,
	content = 'cases',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3 4 5 6 7 8 9 10 11 12'
);
INSERT INTO cases_fts (cases_fts) VALUES ('rebuild');

-- The writer indexes the cases it inserts once per batch, in the batch's
-- transaction: those with an id above cases_fts_upto.id (search.go). FTS5
-- writes its pending entries to disk whenever a savepoint is released, and
-- each request of a batch has one. Changes to indexed cases, which the
-- gateway does not make, are kept in step by triggers.
CREATE TABLE cases_fts_upto (id INTEGER NOT NULL);
INSERT INTO cases_fts_upto (id) SELECT coalesce(max(id), 0) FROM cases;

CREATE TRIGGER cases_fts_update AFTER UPDATE OF search ON cases
WHEN old.id <= (SELECT id FROM cases_fts_upto) BEGIN
	INSERT INTO cases_fts (cases_fts, rowid, search) VALUES ('delete', old.id, old.search);
	INSERT INTO cases_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases
WHEN old.id <= (SELECT id FROM cases_fts_upto) BEGIN
	INSERT INTO cases_fts (cases_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
