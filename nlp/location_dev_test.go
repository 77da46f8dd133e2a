package nlp

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/intake311/intake311/cases"
)

// TestLocateDev measures the places found in the real 311 texts of
// dev.csv against the address column of each request (rows without one,
// the Detroit texts, are left out).
//
// The address column is read by a parser of this test's own (devPlace):
// a house number or range, and one street, or the two or three streets of
// an intersection ("Intersection Of A & B", "A At B", "A Between B And
// C"). A street is compared by its core name: upper case, without its
// leading and trailing directions and its type ("W Elm St" is "ELM";
// "Fifth Ave" is "5TH").
//
// Recall is over the texts that write their own address: the house number
// followed by the street's core name (a direction may come between), or
// two of the streets of the intersection joined by "and", "&", "@", "at"
// or "/" (a street type or direction may follow the first). Such a text is
// found when Locate returns an address (or block) with that number, or
// one in the range, on that street, or an intersection of two of those
// streets.
//
// Precision is over every place found that is not a ZIP code or a
// coordinate pair. A place is confirmed when each of its streets is a
// street of the request's own address or of any address of the data (a
// real street of these cities); the share confirmed is the strict figure,
// a lower bound. The other places were judged by hand, one by one, and the
// verdicts kept in testdata/locate_dev_verdicts.txt, keyed by a hash of
// the request id, kind and normal form (so the file holds no data). A
// place is judged right when the text names that place, of that kind,
// with its street names whole as written (abbreviations and misspellings
// as the resident wrote them count); wrong when the number is not a house
// number, a street takes in words that are not its name or loses words of
// it, a landmark is read as a street, or the two streets of an
// intersection are the ends of a stretch ("between A and B") or items of
// a list rather than a crossing. Confirmed places are not judged again,
// so a list of two real streets read as a crossing passes. Places
// without a verdict count as wrong and are listed with -locate.dump, to
// be judged (the file also holds verdicts on places that earlier rules,
// or rules switched off one at a time, found).
func TestLocateDev(t *testing.T) {
	rows := devRows(t)
	sc := devScore{known: map[string]bool{}, verdicts: readVerdicts(t)}
	for _, r := range rows {
		for _, s := range r.place.streets {
			sc.known[s] = true
		}
	}
	for _, r := range rows {
		sc.add(t, r, Locate(r.text))
	}
	t.Logf("dev.csv: %d texts with an address; recall: %d write their address, %d found (%.3f)",
		len(rows), sc.want, sc.hit, sc.recall())
	t.Logf("dev.csv: precision: %d places found, %d on the request's own streets, %d confirmed (strict %.3f), %d judged right, %d judged wrong, %d not judged: precision %.3f",
		sc.found, sc.own, sc.confirmed, float64(sc.confirmed)/float64(max(sc.found, 1)), sc.judgedRight, sc.judgedWrong, sc.unjudged, sc.precision())
}

// devRow is one request of dev.csv with an address.
type devRow struct {
	id, text, address string
	place             devPlace
}

// devPlace is the place of a request as its address column gives it.
type devPlace struct {
	num     string   // the house number, "" for an intersection
	lo, hi  int      // the numbers a house number or range covers
	streets []string // core names
}

func devRows(t *testing.T) []devRow {
	f, err := os.Open(sharedData(t, "311/dev.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	head, err := cr.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	var out []devRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		addr, city := rec[col["address"]], rec[col["city"]]
		if p := parseDevPlace(addr, city); len(p.streets) > 0 {
			out = append(out, devRow{id: rec[col["id"]], text: rec[col["text"]], address: addr, place: p})
		}
	}
}

// parseDevPlace reads an address column: "12 Elm St, Riverton",
// "Intersection Of Oak Rd & Pine St, Riverton", "2-14 S Main St Riverton,
// IL 61820, USA", "Oak Ave Se@Pine Ave Riverton", "3700 Block Elm Ave
// Riverton, IL".
func parseDevPlace(addr, city string) devPlace {
	addr, _, _ = strings.Cut(addr, ",")
	addr, _, _ = strings.Cut(addr, "(")
	words := devWords(addr)
	if len(words) >= 2 && (words[0] == "intersection" || words[0] == "corner") && words[1] == "of" {
		words = words[2:]
	}
	var p devPlace
	words = p.number(words)
	parts := splitDevStreets(words)
	for i, part := range parts {
		if i == len(parts)-1 {
			part = trimCity(part, city)
		}
		if c := coreName(part); c != "" {
			p.streets = append(p.streets, c)
		}
	}
	if len(p.streets) != 1 {
		p.num = "" // "550 And 560 Elm Lane", a number before a pair
	}
	return p
}

// devWords returns the folded words of s with "&", "@" and "/".
func devWords(s string) []string {
	var out []string
	for _, t := range Tokenize(s) {
		if t.Kind != Punct || t.Text == "&" || t.Text == "@" || t.Text == "/" {
			out = append(out, t.Text)
		}
	}
	return out
}

// number reads a leading house number or range ("88 96" once the hyphen
// is gone), and "block of" after it, and returns the words after them.
func (p *devPlace) number(words []string) []string {
	if len(words) == 0 {
		return words
	}
	lo, err := strconv.Atoi(words[0])
	if err != nil {
		return words
	}
	p.num, p.lo, p.hi = words[0], lo, lo
	words = words[1:]
	if len(words) > 0 {
		if hi, err := strconv.Atoi(words[0]); err == nil && hi > lo {
			p.hi = hi
			words = words[1:]
		}
	}
	if len(words) > 0 && words[0] == "block" {
		p.hi = lo + 99
		words = words[1:]
		if len(words) > 0 && words[0] == "of" {
			words = words[1:]
		}
	}
	return words
}

// splitDevStreets splits words at the separators of an intersection.
func splitDevStreets(words []string) [][]string {
	var out [][]string
	from := 0
	for i, w := range words {
		if devSeparators[w] || w == "between" {
			out = append(out, words[from:i])
			from = i + 1
		}
	}
	return append(out, words[from:])
}

var devSeparators = set(`& @ / and at`)

// trimCity drops what follows the street in the last part: the city and
// state that come without a comma ("Elm Boulevard Riverton").
func trimCity(words []string, city string) []string {
	for k := len(words) - 1; k >= 0; k-- {
		if !isStreetType(words[k]) || (k == 0 && !(k+1 < len(words) && isNumberWord(words[k+1]))) {
			continue
		}
		end := k + 1
		if end < len(words) && isNumberWord(words[end]) {
			end++ // "Hwy 41"
		}
		if end < len(words) && isDirection(words[end]) {
			end++
		}
		return words[:end]
	}
	cityWords := devWords(strings.Split(city, ",")[0])
	for len(words) > 0 && (slices.Contains(cityWords, words[len(words)-1]) || devStateWords[words[len(words)-1]]) {
		words = words[:len(words)-1]
	}
	return words
}

var devStateWords = set(`ga georgia ri rhode island usa ma fl la`)

func isNumberWord(w string) bool {
	_, err := strconv.Atoi(w)
	return err == nil
}

// coreName is the comparable name of a street: its words in upper case
// without leading and trailing directions and the type; ordinals written
// out become numbers ("FIFTH" is "5TH").
func coreName(words []string) string {
	var out []string
	for _, w := range words {
		if devSeparators[w] {
			continue
		}
		if o, ok := ordinalNumbers[w]; ok {
			w = o
		}
		out = append(out, w)
	}
	for len(out) > 1 && isDirection(out[len(out)-1]) {
		out = out[:len(out)-1]
	}
	if len(out) > 1 && isStreetType(out[len(out)-1]) {
		out = out[:len(out)-1]
	}
	for len(out) > 1 && isDirection(out[0]) {
		out = out[1:]
	}
	return strings.ToUpper(strings.Join(out, " "))
}

func isDirection(w string) bool {
	_, ok := directions[w]
	return ok
}

// devScore counts recall and precision over dev.csv.
type devScore struct {
	known    map[string]bool // the core names of every street of the data
	verdicts map[string]bool // place key -> judged right

	want, hit                                                 int // recall
	found, own, confirmed, judgedRight, judgedWrong, unjudged int // precision
}

func (s *devScore) recall() float64 { return float64(s.hit) / float64(max(s.want, 1)) }
func (s *devScore) precision() float64 {
	return float64(s.confirmed+s.judgedRight) / float64(max(s.found, 1))
}

func (s *devScore) add(t *testing.T, r devRow, locs []cases.Location) {
	writes := r.place.writtenIn(devWords(r.text))
	if writes {
		s.want++
	}
	hit := false
	for _, l := range locs {
		if l.Kind == KindZIP || l.Kind == KindLatLon {
			continue
		}
		s.found++
		streets, num := placeStreets(l)
		own, known := true, true
		for _, st := range streets {
			own = own && slices.Contains(r.place.streets, st)
			known = known && (s.known[st] || slices.Contains(r.place.streets, st))
		}
		if own {
			s.own++
		}
		s.judge(t, r, l, known)
		hit = hit || (writes && own && r.place.matches(l.Kind, num, len(streets)))
	}
	if hit {
		s.hit++
	} else if writes && *dumpLocate {
		t.Logf("missed %q in %q", r.address, r.text)
	}
}

// judge counts a place found as confirmed, or by its verdict.
func (s *devScore) judge(t *testing.T, r devRow, l cases.Location, known bool) {
	if known {
		s.confirmed++
		return
	}
	key := verdictKey(r.id, l)
	right, ok := s.verdicts[key]
	switch {
	case !ok:
		s.unjudged++
		if *dumpLocate {
			t.Logf("unjudged %s %-12s %-30q in %q (address %q)", key, l.Kind, l.Normalized, clip(r.text, l), r.address)
		}
	case right:
		s.judgedRight++
	default:
		s.judgedWrong++
		if *dumpLocate {
			t.Logf("wrong %s %-12s %-30q in %q (address %q)", key, l.Kind, l.Normalized, clip(r.text, l), r.address)
		}
	}
}

// verdictKey names a place found in a request without quoting it.
func verdictKey(id string, l cases.Location) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%s|%s", id, l.Kind, l.Normalized)
	return fmt.Sprintf("%016x", h.Sum64())
}

// readVerdicts reads testdata/locate_dev_verdicts.txt: a key and "right"
// or "wrong" a line; "#" starts a comment.
func readVerdicts(t *testing.T) map[string]bool {
	f, err := os.Open("testdata/locate_dev_verdicts.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]bool{}
	for sc := bufio.NewScanner(f); sc.Scan(); {
		line, _, _ := strings.Cut(sc.Text(), "#")
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		out[f[0]] = f[1] == "right"
	}
	return out
}

// clip returns the text around a location.
func clip(text string, l cases.Location) string {
	return text[max(0, l.Start-60):min(len(text), l.End+40)]
}

// matches reports whether a place found on the request's own streets is
// the request's place: a house number in its range ("311-313" and "313"
// meet), or two of its streets.
func (p devPlace) matches(kind, num string, streets int) bool {
	if p.num == "" {
		return kind == KindIntersection && streets == 2
	}
	lo, hi, _ := strings.Cut(num, "-")
	n, err1 := strconv.Atoi(lo)
	m, err2 := strconv.Atoi(hi)
	if err2 != nil {
		m = n
	}
	return (kind == KindAddress || kind == KindBlock) && err1 == nil && n <= p.hi && m >= p.lo
}

// placeStreets returns the core names of the streets of a found place and
// its house number.
func placeStreets(l cases.Location) ([]string, string) {
	words := devWords(l.Normalized)
	var num string
	switch l.Kind {
	case KindAddress:
		num, _, _ = strings.Cut(l.Normalized, " ")
		words = words[1:]
		for len(words) > 1 && (isNumberWord(words[0]) || words[0] == "/") {
			words = words[1:] // "22-24", "418 1/2"
		}
	case KindBlock:
		num, words = words[0], words[min(3, len(words)):] // "100 BLOCK OF"
	}
	var out []string
	for _, part := range splitDevStreets(words) {
		out = append(out, coreName(part))
	}
	return out, num
}

// writtenIn reports whether words write the place: its house number
// before its street, or two of its streets joined by a connector.
func (p devPlace) writtenIn(words []string) bool {
	if p.num != "" {
		return p.numberedIn(words)
	}
	for i := range words {
		for a, sa := range p.streets {
			if n := streetAt(words, i, sa); n > 0 && p.crossedAt(words, i+n, a) {
				return true
			}
		}
	}
	return false
}

// crossedAt reports whether words[k:] is a connector and another street
// of the place than street a, after a type or direction of street a.
func (p devPlace) crossedAt(words []string, k, a int) bool {
	for k < len(words) && (isStreetType(words[k]) || isDirection(words[k])) {
		k++
	}
	if k >= len(words) || !devSeparators[words[k]] {
		return false
	}
	k++
	if k < len(words) && isDirection(words[k]) {
		k++
	}
	for b, sb := range p.streets {
		if b != a && streetAt(words, k, sb) > 0 {
			return true
		}
	}
	return false
}

// numberedIn reports whether words hold the house number followed by the
// street, a direction or "block of" between.
func (p devPlace) numberedIn(words []string) bool {
	for i, w := range words {
		n, err := strconv.Atoi(w)
		if err != nil || n < p.lo || n > p.hi {
			continue
		}
		for k := i + 1; k <= i+3 && k < len(words); k++ {
			if streetAt(words, k, p.streets[0]) > 0 {
				return true
			}
			if !isDirection(words[k]) && words[k] != "block" && words[k] != "of" {
				break
			}
		}
	}
	return false
}

// streetAt returns how many words of words[i:] spell the core name, or 0.
func streetAt(words []string, i int, core string) int {
	f := strings.Fields(core)
	if i+len(f) > len(words) {
		return 0
	}
	for k, w := range f {
		x := words[i+k]
		if o, ok := ordinalNumbers[x]; ok {
			x = o
		}
		if strings.ToUpper(x) != w {
			return 0
		}
	}
	return len(f)
}
