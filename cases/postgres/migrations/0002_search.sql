-- Text search: the words of each case's description and address, folded by
-- the gateway (words.go), which fills them in for the cases already stored
-- right after this file, in the same transaction (backfillSearch). The old
-- folded columns stay, written but no longer read.
ALTER TABLE cases ADD COLUMN search tsvector NOT NULL DEFAULT '';
