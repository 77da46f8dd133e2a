package sqlite

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/intake311/intake311/cases"
)

// FindCases implements cases.CaseStore: newest first, keyset pagination on
// (created_at, id), so a page costs the same however deep it is. A text
// filter goes through the text index (see text.go).
func (s *Store) FindCases(ctx context.Context, f cases.Filter) (*cases.CasePage, error) {
	if f.Text != "" {
		return s.findText(ctx, f)
	}
	conds, args, err := filterConds(f)
	if err != nil {
		return nil, err
	}
	limit := f.PageSize()
	query := "SELECT " + listColumns + " FROM cases" + where(conds) + " ORDER BY created_at DESC, id DESC LIMIT ?"
	found, err := queryCases(ctx, s.rdb, query, append(args, limit+1)...)
	if err != nil {
		return nil, storeErr("find cases", err)
	}
	return s.finishPage(ctx, f, &cases.CasePage{Cases: found}, limit)
}

// queryCases runs a query of listColumns and scans its cases.
func queryCases(ctx context.Context, q querier, query string, args ...any) ([]*cases.Case, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	found := []*cases.Case{}
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, err
		}
		found = append(found, c)
	}
	return found, rows.Err()
}

// finishPage trims the look-ahead row into a cursor and loads contacts
// when the filter asked for a contact.
func (s *Store) finishPage(ctx context.Context, f cases.Filter, page *cases.CasePage, limit int) (*cases.CasePage, error) {
	if len(page.Cases) > limit {
		page.Cases = page.Cases[:limit]
		last := page.Cases[limit-1]
		page.Next = encodeCursor(micros(last.CreatedAt), last.ID)
	}
	if f.ContactAddress == "" {
		return page, nil
	}
	for _, c := range page.Cases {
		var err error
		if c.Contacts, err = loadContacts(ctx, s.rdb, c.ID); err != nil {
			return nil, storeErr("find cases", err)
		}
	}
	return page, nil
}

// where joins conditions into a WHERE clause.
func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// filterConds turns a filter, but for its text, into conditions on cases
// and their arguments.
func filterConds(f cases.Filter) ([]string, []any, error) {
	var conds []string
	var args []any
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		conds = append(conds, col+" IN ("+strings.TrimSuffix(strings.Repeat("?,", len(vals)), ",")+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	statuses := make([]string, len(f.Status))
	for i, st := range f.Status {
		statuses[i] = string(st)
	}
	in("status", statuses)
	in("service_code", f.ServiceCode)
	in("channel", f.Channel)
	in("department", f.Department)
	if !f.From.IsZero() {
		conds, args = append(conds, "created_at >= ?"), append(args, micros(f.From))
	}
	if !f.To.IsZero() && f.Cursor == "" { // a cursor is below To already, and SQLite seeks on one upper bound only
		conds, args = append(conds, "created_at < ?"), append(args, micros(f.To))
	}
	if f.ContactAddress != "" {
		conds = append(conds, "id IN (SELECT case_id FROM contacts WHERE channel = ? AND address = ?)")
		args = append(args, f.ContactChannel, f.ContactAddress)
	}
	if f.Cursor != "" {
		at, id, err := decodeCursor(f.Cursor)
		if err != nil {
			return nil, nil, err
		}
		conds, args = append(conds, "(created_at, id) < (?, ?)"), append(args, at, id)
	}
	return conds, args, nil
}

func encodeCursor(at, id int64) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%d.%d", at, id))
}

func decodeCursor(s string) (at, id int64, err error) {
	bad := cases.Errorf(cases.ErrInvalid, "the page cursor %q is not one this server gave out", s)
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, 0, bad
	}
	a, i, _ := strings.Cut(string(b), ".")
	at, err1 := strconv.ParseInt(a, 10, 64)
	id, err2 := strconv.ParseInt(i, 10, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, bad
	}
	return at, id, nil
}
