package sqlite

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/intake311/intake311/cases"
)

// Text filters are served by cases_fts, an FTS5 index over the search
// column (migration 0003). A case matches when every word of the filter is
// the beginning of a word of its description or address. Words are runs of
// letters and digits, compared case-folded and without the diacritics of
// Latin letters (FTS5's unicode61 tokenizer with remove_diacritics 2):
// "main st" finds "1200 N Main Street", "pena" and "PEÑA" find "Peña". A
// filter without a letter or digit matches nothing. The words of a filter
// are quoted for FTS5, so nothing a user types is read as FTS5 syntax.

// maxTextWords bounds the different words of a text filter, as written
// (case and accents count): each one is an index lookup.
const maxTextWords = 32

// textWords splits a text filter into its different words, as the unicode61
// tokenizer splits text: letters, digits and private-use characters make
// words, and the combining accents it removes (U+0300 to U+0331) belong to
// the word they follow.
func textWords(text string) ([]string, error) {
	var words []string
	for w := range strings.FieldsFuncSeq(text, isSeparator) {
		if strings.IndexFunc(w, func(r rune) bool { return !isDiacritic(r) }) < 0 {
			continue // accents alone make no word
		}
		if !slices.Contains(words, w) {
			words = append(words, w)
		}
	}
	if len(words) > maxTextWords {
		return nil, cases.Errorf(cases.ErrInvalid, "a text filter has at most %d words, this one has %d", maxTextWords, len(words))
	}
	return words, nil
}

// isSeparator reports whether r separates words.
func isSeparator(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Co, r) && !isDiacritic(r)
}

// isDiacritic reports the combining accents that unicode61 removes and
// keeps within a word (sqlite3Fts5UnicodeIsdiacritic).
func isDiacritic(r rune) bool {
	const low, high = 0x08029FDF, 0x000361F8 // U+0300..U+031F, U+0320..U+0331
	switch {
	case r < 0x300 || r > 0x331:
		return false
	case r < 0x320:
		return low>>(r-0x300)&1 == 1
	default:
		return high>>(r-0x320)&1 == 1
	}
}

// matchExpr is the FTS5 query for words: every word, quoted, as a prefix.
func matchExpr(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"*`
	}
	return strings.Join(quoted, " AND ")
}

// findText is FindCases for a filter with a text.
func (s *Store) findText(ctx context.Context, f cases.Filter) (*cases.CasePage, error) {
	words, err := textWords(f.Text)
	if err != nil {
		return nil, err
	}
	if len(words) == 0 {
		return &cases.CasePage{Cases: []*cases.Case{}}, nil
	}
	conds, args, err := filterConds(f)
	if err != nil {
		return nil, err
	}
	limit := f.PageSize()
	q := &textQuery{r: s.rdb, f: f, match: matchExpr(words), conds: conds, args: args, k: limit + 1, scan: s.textScan}
	found, err := q.newest(ctx)
	if err != nil {
		return nil, storeErr("find cases", err)
	}
	return s.finishPage(ctx, f, &cases.CasePage{Cases: found}, limit)
}

// textQuery finds the k newest cases, by (created_at, id), that match a
// text and the other conditions of a filter.
type textQuery struct {
	r     querier
	f     cases.Filter
	match string   // the FTS5 query
	conds []string // the filter's other conditions on cases
	args  []any    // their arguments
	k     int
	scan  int // the most cases newest reads to prove its first guess right
}

// maxOutOfOrder is how many cases newest reads, at most, to prove that no
// case beats the matches with the highest ids; past it, sorting all
// matches is likely cheaper.
const maxOutOfOrder = 20_000

// newest returns the k newest matching cases, newest first.
//
// FTS5 hands out matches in rowid order, and sorting every match by
// creation time costs as much as there are matches: a million for "main
// st". Cases are created mostly in id order, so newest reads the k
// matches with the highest ids (a few index steps), then counts the cases
// that are newer than the oldest of those but have a lower id. Only these
// can displace one of the k; they are few when ids follow time, and their
// matches are read by id range. When they are many, or the matches are
// sparse (the k span many ids), all matches are sorted instead. A filter
// on a contact, whose cases are few, checks each of them against the index.
func (q *textQuery) newest(ctx context.Context) ([]*cases.Case, error) {
	if q.f.ContactAddress != "" {
		return q.probe(ctx)
	}
	first, err := q.byID(ctx, "", nil, q.k)
	if err != nil || len(first) < q.k {
		return sortNewest(first), err
	}
	top, below := first[0].ID, first[len(first)-1].ID // byID lists the highest ids first
	if top-below >= int64(q.scan) {
		return q.sorted(ctx)
	}
	kth := sortNewest(first)[len(first)-1]
	from, ok, err := q.outOfOrder(ctx, kth, below)
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return q.sorted(ctx)
	case from == 0:
		return first, nil
	}
	more, err := q.byID(ctx, " AND cases_fts.rowid >= ? AND cases_fts.rowid < ? AND (created_at, id) > (?, ?)",
		[]any{from, below, micros(kth.CreatedAt), kth.ID}, 0)
	if err != nil {
		return nil, err
	}
	return sortNewest(append(first, more...))[:q.k], nil
}

// ftsJoin reads matches from the index and their cases, index first.
const ftsJoin = " FROM cases_fts CROSS JOIN cases ON cases.id = cases_fts.rowid WHERE cases_fts MATCH ?"

// byID returns matching cases, highest id first, with the extra condition
// and at most limit of them (0: all).
func (q *textQuery) byID(ctx context.Context, extra string, extraArgs []any, limit int) ([]*cases.Case, error) {
	query := "SELECT " + listColumns + ftsJoin + and(q.conds) + extra + " ORDER BY cases_fts.rowid DESC"
	args := append(append([]any{q.match}, q.args...), extraArgs...)
	if limit > 0 {
		query += " LIMIT ?"
		args = append(args, limit)
	}
	return queryCases(ctx, q.r, query, args...)
}

// sorted returns the k newest matching cases by sorting all matches.
func (q *textQuery) sorted(ctx context.Context) ([]*cases.Case, error) {
	query := "SELECT " + listColumns + ftsJoin + and(q.conds) + " ORDER BY created_at DESC, id DESC LIMIT ?"
	return queryCases(ctx, q.r, query, append(append([]any{q.match}, q.args...), q.k)...)
}

// probe returns the k newest matching cases among those the other
// conditions select, asking the index about each.
func (q *textQuery) probe(ctx context.Context) ([]*cases.Case, error) {
	conds := append(slices.Clip(q.conds), "EXISTS (SELECT 1 FROM cases_fts WHERE cases_fts MATCH ? AND rowid = cases.id)")
	query := "SELECT " + listColumns + " FROM cases" + where(conds) + " ORDER BY created_at DESC, id DESC LIMIT ?"
	return queryCases(ctx, q.r, query, append(slices.Clip(q.args), q.match, q.k)...)
}

// outOfOrder finds the cases newer than kth that the filter's upper
// bounds (cursor, To) allow and whose id is below the given one, and
// returns the lowest such id (0: none). It reads at most q.scan cases; ok
// is false if that was not enough.
func (q *textQuery) outOfOrder(ctx context.Context, kth *cases.Case, below int64) (from int64, ok bool, err error) {
	conds, args := []string{"(created_at, id) > (?, ?)"}, []any{micros(kth.CreatedAt), kth.ID}
	if q.f.Cursor != "" {
		at, id, err := decodeCursor(q.f.Cursor)
		if err != nil {
			return 0, false, err
		}
		conds, args = append(conds, "(created_at, id) < (?, ?)"), append(args, at, id)
	} else if !q.f.To.IsZero() {
		conds, args = append(conds, "created_at < ?"), append(args, micros(q.f.To))
	}
	query := "SELECT count(*), coalesce(min(CASE WHEN id < ? THEN id END), 0) FROM (SELECT id FROM cases" + where(conds) + " LIMIT ?)"
	var n int
	err = q.r.QueryRowContext(ctx, query, append(append([]any{below}, args...), q.scan)...).Scan(&n, &from)
	return from, n < q.scan, err
}

// and appends conditions to a WHERE clause that has one already.
func and(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " AND " + strings.Join(conds, " AND ")
}

// sortNewest sorts cases newest first, by creation time, then id.
func sortNewest(list []*cases.Case) []*cases.Case {
	slices.SortFunc(list, func(a, b *cases.Case) int {
		return cmp.Or(cmp.Compare(micros(b.CreatedAt), micros(a.CreatedAt)), cmp.Compare(b.ID, a.ID))
	})
	return list
}
