package postgres_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/postgres"
)

// TestPlans checks that the hot queries are served by indexes, so they
// stay fast however many cases there are: with sequential scans and sorts
// made prohibitively expensive, the plan must still need neither.
func TestPlans(t *testing.T) {
	dsn := testDSN(t)
	schema := freshSchema(t, dsn)
	st, err := postgres.Open(t.Context(), dsn, postgres.Options{Schema: schema})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer st.Close()
	conn := connect(t, dsn)
	for _, set := range []string{"SET search_path = " + pgx.Identifier{schema}.Sanitize(), "SET enable_seqscan = off", "SET enable_sort = off"} {
		if _, err := conn.Exec(t.Context(), set); err != nil {
			t.Fatalf("%s: %v", set, err)
		}
	}
	firstPage, firstArgs, _ := postgres.FindQuery(cases.Filter{})
	nextPage, nextArgs, _ := postgres.FindQuery(cases.Filter{Cursor: secondPageCursor(t, st)})
	tests := []struct {
		name  string
		sql   string
		args  []any
		index string
	}{
		{"CaseByTracking", "SELECT id FROM cases c WHERE c.tracking = $1", []any{"1234567890"}, "cases_tracking_key"},
		{"FirstPage", firstPage, firstArgs, "cases_created"},
		{"NextPage", nextPage, nextArgs, "cases_created"},
		{"Claim", "SELECT id FROM notifications WHERE state = 'pending' AND next_at <= now() ORDER BY next_at, id LIMIT 10", nil, "notifications_due"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := explain(t, conn, tt.sql, tt.args...)
			if !strings.Contains(plan, tt.index) || strings.Contains(plan, "Seq Scan") || strings.Contains(plan, "Sort") {
				t.Errorf("plan does not use %s alone:\n%s", tt.index, plan)
			}
		})
	}
}

// secondPageCursor stores two cases and returns the cursor after the first.
func secondPageCursor(t *testing.T, st *postgres.Store) string {
	t.Helper()
	for i := range 2 {
		at := time.Now().Add(time.Duration(i) * time.Second)
		tn, err := cases.NewTrackingNumber(nil)
		if err != nil {
			t.Fatal(err)
		}
		c := &cases.Case{Tracking: tn, Status: cases.StatusOpen, Channel: "sms", Description: "x", CreatedAt: at, UpdatedAt: at}
		if _, _, err := st.CreateCase(t.Context(), c, nil); err != nil {
			t.Fatalf("CreateCase: %v", err)
		}
	}
	page, err := st.FindCases(t.Context(), cases.Filter{Limit: 1})
	if err != nil || page.Next == "" {
		t.Fatalf("FindCases = %v, %v; want a cursor", page, err)
	}
	return page.Next
}

func explain(t *testing.T, conn *pgx.Conn, sql string, args ...any) string {
	t.Helper()
	rows, _ := conn.Query(t.Context(), "EXPLAIN "+sql, args...)
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatalf("EXPLAIN %s: %v", sql, err)
	}
	return strings.Join(lines, "\n")
}
