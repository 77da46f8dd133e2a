package postgres

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/intake311/intake311/cases"
)

// FindCases lists the cases that match f, newest first, a page at a time.
// The cursor holds the creation time and ID of the last case of a page,
// so a page goes on from there however many cases were added meanwhile.
func (s *Store) FindCases(ctx context.Context, f cases.Filter) (*cases.CasePage, error) {
	found, err := s.find(ctx, f)
	if err != nil {
		return nil, err
	}
	page := &cases.CasePage{Cases: found}
	if len(found) > f.PageSize() {
		page.Cases = found[:f.PageSize()]
		last := page.Cases[len(page.Cases)-1]
		page.Next = encodeCursor(last.CreatedAt, last.ID)
	}
	if f.ContactAddress != "" {
		if err := s.attachContacts(ctx, page.Cases); err != nil {
			return nil, err
		}
	}
	return page, nil
}

// find returns the cases of one page of f and one more, if there is one.
// With a contact, the planner starts from the contact's few cases and
// checks the text on each.
func (s *Store) find(ctx context.Context, f cases.Filter) ([]*cases.Case, error) {
	if f.Text != "" && f.ContactAddress == "" {
		return s.findText(ctx, f)
	}
	sql, args, err := findQuery(f)
	if err != nil {
		return nil, fmt.Errorf("find cases: %w", err)
	}
	return s.queryCases(ctx, sql, args...)
}

// queryCases runs a query of caseColumns.
func (s *Store) queryCases(ctx context.Context, sql string, args ...any) ([]*cases.Case, error) {
	rows, _ := s.pool.Query(ctx, sql, args...)
	found, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*cases.Case, error) { return scanCase(row) })
	if err != nil {
		return nil, s.fail("find cases", err)
	}
	return found, nil
}

// findQuery returns the query of one page of f, one row more than the
// page holds to tell whether there is a next page. The planner chooses
// how to apply a text condition; findText does not leave it that choice.
func findQuery(f cases.Filter) (string, []any, error) {
	p := &params{}
	where, err := filterConds(p, f)
	if err != nil {
		return "", nil, err
	}
	if f.Text != "" {
		words, err := filterWords(f.Text)
		if err != nil {
			return "", nil, err
		}
		where = append(where, textCondition(p, words))
	}
	sql := "SELECT " + caseColumns + " FROM cases c" + whereClause(where) +
		" ORDER BY c.created_at DESC, c.id DESC LIMIT " + p.arg(f.PageSize()+1)
	return sql, p.args, nil
}

// filterConds returns the conditions of f, but its text, on cases c.
func filterConds(p *params, f cases.Filter) ([]string, error) {
	var where []string
	anyOf := func(column string, values []string) {
		if len(values) > 0 {
			where = append(where, column+" = ANY("+p.arg(values)+")")
		}
	}
	statuses := make([]string, len(f.Status))
	for i, st := range f.Status {
		statuses[i] = string(st)
	}
	anyOf("c.status", statuses)
	anyOf("c.service_code", f.ServiceCode)
	anyOf("c.channel", f.Channel)
	anyOf("c.department", f.Department)
	if !f.From.IsZero() {
		where = append(where, "c.created_at >= "+p.arg(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "c.created_at < "+p.arg(f.To))
	}
	if f.ContactAddress != "" {
		where = append(where, contactCondition(p, f.ContactChannel, f.ContactAddress))
	}
	if f.Cursor != "" {
		at, id, err := decodeCursor(f.Cursor)
		if err != nil {
			return nil, err
		}
		where = append(where, "(c.created_at, c.id) < ("+p.arg(at)+"::timestamptz, "+p.arg(id)+"::bigint)")
	}
	return where, nil
}

// whereClause joins conditions into a WHERE clause.
func whereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// textCondition selects the cases that have every word as the beginning
// of a word; no word (a text of punctuation alone) selects none.
func textCondition(p *params, words []string) string {
	if len(words) == 0 {
		return "false"
	}
	return "c.search @@ " + p.arg(prefixQuery(words)) + "::tsquery"
}

// contactCondition selects the cases with a contact at address, on channel
// if it is set.
func contactCondition(p *params, channel, address string) string {
	cond := "address = " + p.arg(address)
	if channel != "" {
		cond += " AND channel = " + p.arg(channel)
	}
	return "c.id IN (SELECT case_id FROM contacts WHERE " + cond + ")"
}

// attachContacts fills in the contacts of the listed cases.
func (s *Store) attachContacts(ctx context.Context, list []*cases.Case) error {
	byID := make(map[int64]*cases.Case, len(list))
	ids := make([]int64, len(list))
	for i, c := range list {
		byID[c.ID], ids[i] = c, c.ID
	}
	rows, _ := s.pool.Query(ctx, `SELECT case_id, id, channel, address, name, language, role, thread_ref, consent, created_at
		FROM contacts WHERE case_id = ANY($1) ORDER BY id`, ids)
	var caseID int64
	var ct cases.Contact
	_, err := pgx.ForEachRow(rows, []any{&caseID, &ct.ID, &ct.Channel, &ct.Address, &ct.Name, &ct.Language, &ct.Role, &ct.ThreadRef, &ct.Consent, &ct.CreatedAt}, func() error {
		byID[caseID].Contacts = append(byID[caseID].Contacts, ct)
		return nil
	})
	return s.fail("find cases: contacts", err)
}

// A cursor is the creation time (Unix microseconds) and ID of the last
// case of a page, base64url-encoded so clients treat it as opaque.
const cursorPrefix = "c1:"

func encodeCursor(at time.Time, id int64) string {
	raw := cursorPrefix + strconv.FormatInt(at.UnixMicro(), 10) + ":" + strconv.FormatInt(id, 10)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeCursor(cursor string) (time.Time, int64, error) {
	bad := cases.Errorf(cases.ErrInvalid, "%q is not a cursor this server gave out", cursor)
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return time.Time{}, 0, bad
	}
	rest, ok := strings.CutPrefix(string(raw), cursorPrefix)
	at, id, ok2 := strings.Cut(rest, ":")
	micros, err1 := strconv.ParseInt(at, 10, 64)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if !ok || !ok2 || err1 != nil || err2 != nil {
		return time.Time{}, 0, bad
	}
	return time.UnixMicro(micros).UTC(), n, nil
}
