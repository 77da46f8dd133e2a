-- Explanations (why a case has its service and department) are most of a
-- case row but are read only with the whole case: keep them apart, so
-- lists and replays read narrow rows.
CREATE TABLE case_explanations (
	case_id     INTEGER PRIMARY KEY REFERENCES cases (id),
	explanation TEXT    NOT NULL
);
INSERT INTO case_explanations (case_id, explanation)
	SELECT id, explanation FROM cases WHERE explanation NOT IN ('', '{}');
ALTER TABLE cases DROP COLUMN explanation;
