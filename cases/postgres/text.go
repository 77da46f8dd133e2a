package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/intake311/intake311/cases"
)

// recentCases is how many of the newest cases a text filter tests before
// it turns to the text index: a common text ("main st") is found among
// them at once, a rare one faster through the index.
const recentCases = 2000

// findText returns the cases of one page of f, which has a text but no
// contact, and one more if there is one.
//
// The planner's guess of how many cases a prefix query matches is often
// far off (with fewer than 100 frequent words in its statistics it takes
// 2% a word, and it multiplies the shares of several words as if they were
// independent), and a wrong guess either sorts a million matches or scans
// every case for a rare word. So findText decides:
// first it tests the newest cases the other conditions select, up to
// s.recent of them, and stops at a page of matches. If they hold fewer,
// and there are more cases than it tested, matches are rare: it reads them
// all from the index and sorts them.
func (s *Store) findText(ctx context.Context, f cases.Filter) ([]*cases.Case, error) {
	words, err := filterWords(f.Text)
	if err != nil {
		return nil, fmt.Errorf("find cases: %w", err)
	}
	if len(words) == 0 {
		return []*cases.Case{}, nil
	}
	found, err := s.recentMatches(ctx, f, words)
	if err != nil || len(found) > f.PageSize() {
		return found, err
	}
	more, err := s.moreThanRecent(ctx, f)
	if err != nil || !more {
		return found, err
	}
	return s.indexedMatches(ctx, f, words)
}

// recentMatches returns the newest matching cases, a page and one at
// most, among the newest s.recent cases that f's other conditions select.
func (s *Store) recentMatches(ctx context.Context, f cases.Filter, words []string) ([]*cases.Case, error) {
	p := &params{}
	conds, err := filterConds(p, f)
	if err != nil {
		return nil, fmt.Errorf("find cases: %w", err)
	}
	sql := `SELECT ` + caseColumns + ` FROM (SELECT * FROM cases c` + whereClause(conds) +
		` ORDER BY c.created_at DESC, c.id DESC LIMIT ` + p.arg(s.recent) + `) c
		WHERE c.search @@ ` + p.arg(prefixQuery(words)) + `::tsquery
		ORDER BY c.created_at DESC, c.id DESC LIMIT ` + p.arg(f.PageSize()+1)
	return s.queryCases(ctx, sql, p.args...)
}

// moreThanRecent reports whether f's other conditions select more than
// the s.recent cases recentMatches tested.
func (s *Store) moreThanRecent(ctx context.Context, f cases.Filter) (bool, error) {
	p := &params{}
	conds, err := filterConds(p, f)
	if err != nil {
		return false, fmt.Errorf("find cases: %w", err)
	}
	sql := `SELECT count(*) > ` + p.arg(s.recent) + ` FROM (SELECT 1 FROM cases c` + whereClause(conds) +
		` ORDER BY c.created_at DESC, c.id DESC LIMIT ` + p.arg(s.recent+1) + `) c`
	var more bool
	if err := s.pool.QueryRow(ctx, sql, p.args...).Scan(&more); err != nil {
		return false, s.fail("find cases", err)
	}
	return more, nil
}

// indexedMatches returns the newest matching cases, a page and one, from
// all the matches the text index finds.
//
// GIN reads every entry a prefix begins ('main':*) into a bitmap before it
// intersects the words, so a common word costs as much as it is common,
// even beside a rare one ("case 12345"). So only the word likeliest to be
// rare (keyWord) is looked up in the index; the others are checked on the
// cases it finds.
func (s *Store) indexedMatches(ctx context.Context, f cases.Filter, words []string) ([]*cases.Case, error) {
	p := &params{}
	key, all := p.arg(prefixQuery([]string{keyWord(words)})), p.arg(prefixQuery(words))
	conds, err := filterConds(p, f)
	if err != nil {
		return nil, fmt.Errorf("find cases: %w", err)
	}
	sql := `WITH matches AS MATERIALIZED (SELECT id FROM (SELECT id, search FROM cases WHERE search @@ ` + key + `::tsquery OFFSET 0) k
			WHERE k.search @@ ` + all + `::tsquery)
		SELECT ` + caseColumns + ` FROM cases c` + whereClause(append(conds, "c.id IN (SELECT id FROM matches)")) +
		` ORDER BY c.created_at DESC, c.id DESC LIMIT ` + p.arg(f.PageSize()+1)
	return s.queryCases(ctx, sql, p.args...)
}

// keyWord guesses which of words begins the fewest words of cases: the
// longest with a digit (house and tracking numbers are rare), else the
// longest.
func keyWord(words []string) string {
	rarer := func(a, b string) bool {
		if hasDigit(a) != hasDigit(b) {
			return hasDigit(a)
		}
		return len(a) > len(b)
	}
	key := words[0]
	for _, w := range words[1:] {
		if rarer(w, key) {
			key = w
		}
	}
	return key
}

// hasDigit reports whether w holds a decimal digit.
func hasDigit(w string) bool { return strings.ContainsAny(w, "0123456789") }
