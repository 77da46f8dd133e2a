-- The text filter's index. GIN finds every word that begins with a prefix
-- ('main':*) in one scan of its sorted keys. Built after the backfill of
-- 0002_search, which is faster than keeping it up to date row by row.
CREATE INDEX cases_search ON cases USING gin (search);
