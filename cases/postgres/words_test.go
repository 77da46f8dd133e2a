package postgres

import (
	"database/sql"
	"slices"
	"strings"
	"testing"
	"unicode"

	_ "modernc.org/sqlite"
)

func TestSearchWords(t *testing.T) {
	long := strings.Repeat("ж", 2000) // 4000 bytes
	tests := []struct {
		texts []string
		want  []string
	}{
		{[]string{"Bache frente a la panadería", "Calle Peña 12"}, []string{"bache", "frente", "a", "la", "panaderia", "calle", "pena", "12"}},
		{[]string{"1200 N. Main St., main-street"}, []string{"1200", "n", "main", "st", "street"}},
		{[]string{"Pen\u0303a PEÑA peña"}, []string{"pena"}},
		{[]string{"Łódź İstanbul ıssız ſ ΣΟΦΟΣ σοφος"}, []string{"łodz", "istanbul", "ıssız", "s", "σοφοσ"}},
		{[]string{"Яма на дороге, улица ЛЕНИНА"}, []string{"яма", "на", "дороге", "улица", "ленина"}},
		{[]string{"% - \" * () \u0301 …", ""}, []string{}},
		{[]string{long}, []string{strings.Repeat("ж", 1023)}},
	}
	for _, tt := range tests {
		if got := searchWords(tt.texts...); !slices.Equal(got, tt.want) {
			t.Errorf("searchWords(%q) = %q, want %q", tt.texts, got, tt.want)
		}
	}
}

func TestPrefixQuery(t *testing.T) {
	if got, want := prefixQuery([]string{"main", `o'b\c`}), `'main':* & 'o''b\\c':*`; got != want {
		t.Errorf("prefixQuery = %s, want %s", got, want)
	}
}

// TestWordsAgreeWithSQLite checks that searchWords splits and folds text
// as the SQLite store's index does (FTS5, unicode61, remove_diacritics 2),
// for every character of the scripts a city hears most, each written
// alone, inside a word and at its start. The exceptions are the
// characters listed in words.go.
func TestWordsAgreeWithSQLite(t *testing.T) {
	db := fts5Tokens(t)
	ranges := [][2]rune{{0x20, 0x52f}, {0x590, 0x6ff}, {0x900, 0x97f}, {0x1e00, 0x1fff}, {0x2000, 0x206f}, {0x3000, 0x30ff}, {0x4e00, 0x4eff}, {0xac00, 0xacff}}
	known := func(r rune) bool {
		return r == 0x1e0 || r == 0x1e1 || r == 0x37f || r >= 0x528 && r <= 0x52f || r == 0x605 || r == 0x61c || r == 0x61d || r >= 0x2066 && r <= 0x2069
	}
	for _, rg := range ranges {
		for r := rg[0]; r <= rg[1]; r++ {
			if known(r) || !assigned(r) {
				continue
			}
			text := string(r) + " ab" + string(r) + "cd x" + string(r)
			if got, want := searchWords(text), db(text); !slices.Equal(got, want) {
				t.Errorf("U+%04X %q: searchWords = %q, FTS5 = %q", r, r, got, want)
			}
		}
	}
}

// assigned reports whether r is an assigned character.
func assigned(r rune) bool { return !unicode.Is(unicode.Cn, r) }

// fts5Tokens returns a function that splits and folds a text with FTS5's
// unicode61 tokenizer, as the SQLite store indexes it, distinct words in
// order.
func fts5Tokens(t *testing.T) func(string) []string {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	for _, q := range []string{
		`CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'unicode61 remove_diacritics 2')`,
		`CREATE VIRTUAL TABLE v USING fts5vocab (t, 'instance')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return func(text string) []string {
		if _, err := db.Exec("DELETE FROM t; INSERT INTO t (rowid, x) VALUES (1, ?)", text); err != nil {
			t.Fatal(err)
		}
		rows, err := db.Query("SELECT term FROM v ORDER BY offset")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		words := []string{}
		for rows.Next() {
			var w string
			if err := rows.Scan(&w); err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
		return words
	}
}
