package postgres

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/intake311/intake311/cases"
)

// Text filters match whole words by their beginning: a case matches when
// every word of the filter begins a word of its description or address.
// The words of a case are kept in cases.search, a tsvector built here (not
// by PostgreSQL's text search parser, whose words and case folding depend
// on the server's locale) and indexed with GIN; a filter becomes a tsquery
// of quoted prefix terms, so nothing a user types is read as tsquery
// syntax.
//
// Words are split and folded as the SQLite store's index (FTS5's unicode61
// tokenizer, remove_diacritics 2) does, so both stores find the same cases:
// a word is a run of letters, digits and private-use characters; case is
// folded ("ς" is "σ", "ſ" is "s"); Latin letters lose their diacritics
// ("Peña" is "pena", "Łódź" is "łodz": ł has no diacritic to remove), other
// scripts keep theirs ("й" stays). They differ only on characters newer
// than SQLite's Unicode tables (Unicode 6.1), which SQLite counts as
// letters and this package does not, and on a few letters with two
// diacritics (U+01E0, U+01E1).

const (
	// maxTextWords bounds the different words of a text filter, as
	// written: each is an index lookup.
	maxTextWords = 32
	// maxWordBytes is the longest lexeme PostgreSQL takes; longer words
	// are cut, in the index and in filters alike.
	maxWordBytes = 2047
	// maxSearchBytes bounds the words kept for one case, well below the
	// 1 MB a tsvector holds; words past it are not indexed.
	maxSearchBytes = 256 << 10
)

// searchWords returns the distinct folded words of texts, for the index.
func searchWords(texts ...string) []string {
	words := []string{}
	seen := map[string]bool{}
	size := 0
	for _, text := range texts {
		for w := range strings.FieldsFuncSeq(text, isSeparator) {
			w = foldWord(w)
			if w == "" || seen[w] || size+len(w) > maxSearchBytes {
				continue
			}
			seen[w] = true
			size += len(w)
			words = append(words, w)
		}
	}
	return words
}

// filterWords returns the distinct folded words of a text filter, which
// may have at most maxTextWords different words as written (the SQLite
// store counts them so).
func filterWords(text string) ([]string, error) {
	var written []string
	for w := range strings.FieldsFuncSeq(text, isSeparator) {
		if foldWord(w) != "" && !slices.Contains(written, w) {
			written = append(written, w)
		}
	}
	if len(written) > maxTextWords {
		return nil, cases.Errorf(cases.ErrInvalid, "a text filter has at most %d words, this one has %d", maxTextWords, len(written))
	}
	return searchWords(written...), nil
}

// prefixQuery is the tsquery text that matches every word as a prefix.
func prefixQuery(words []string) string {
	quote := strings.NewReplacer(`\`, `\\`, `'`, `''`)
	terms := make([]string, len(words))
	for i, w := range words {
		terms[i] = "'" + quote.Replace(w) + "':*"
	}
	return strings.Join(terms, " & ")
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

// foldWord folds the case of w and removes the diacritics of its Latin
// letters, cut to maxWordBytes.
func foldWord(w string) string {
	var b strings.Builder
	for _, r := range w {
		if isDiacritic(r) {
			continue
		}
		r = foldRune(r)
		if b.Len()+len(string(r)) > maxWordBytes {
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldRune folds the case of r and, for a Latin letter whose canonical
// decomposition starts with an ASCII letter, removes its diacritics.
func foldRune(r rune) rune {
	if r < 0x80 {
		return unicode.ToLower(r)
	}
	if r != 'ı' { // dotless i is a letter of its own
		r = unicode.ToLower(unicode.ToUpper(r))
	}
	if unicode.Is(unicode.Latin, r) {
		if d := norm.NFD.String(string(r)); d[0] < 0x80 {
			return rune(d[0])
		}
	}
	return r
}
