package nlp

// The scanner reads a view of the tokens without the marks that join the
// words of a street name: the period of an abbreviation ("N. Main St.",
// "Anna J. Carter Blvd.", "Mt. Vernon") and the hyphen of a hyphenated
// name ("Cedar-Ridge Rd"). A place's span still runs from its
// first token to its last in the text, marks included.

// view returns toks without the joining marks, in buf when it has to
// drop any (toks itself otherwise).
func view(toks []Token, buf []Token) (out, grown []Token) {
	first := -1
	for i := range toks {
		if mayJoin(&toks[i]) && joins(toks, i) {
			first = i
			break
		}
	}
	if first < 0 {
		return toks, buf
	}
	buf = append(buf[:0], toks[:first]...)
	for i := first; i < len(toks); i++ {
		if !mayJoin(&toks[i]) || !joins(toks, i) {
			buf = append(buf, toks[i])
		}
	}
	return buf, buf
}

// mayJoin reports whether a token is a period or a hyphen, which joins
// may drop.
func mayJoin(t *Token) bool { return t.Kind == Punct && (t.Text == "." || t.Text == "-") }

// joins reports whether token i is a period ending an abbreviation (or a
// short word before a street type: "State Univ. Dr."), or a hyphen
// inside a name or a route ("I-85"), written against the word before it.
func joins(toks []Token, i int) bool {
	t := toks[i]
	if t.Kind != Punct || i == 0 || i+1 == len(toks) || (t.Text != "." && t.Text != "-") {
		return false
	}
	prev, next := toks[i-1], toks[i+1]
	if prev.End != t.Start || prev.Kind != Word {
		return false
	}
	if t.Text == "-" {
		return next.Kind == Word || next.Kind == Number && roadPrefixes[prev.Text]
	}
	return abbreviation(prev.Text) || len(prev.Text) <= 4 && isStreetType(next.Text)
}

// roadPrefixes are written with a hyphen before a route number: "I-85".
var roadPrefixes = set(`i us sr hwy rte route`)

// abbreviation reports whether w is a word written with a period: an
// initial, a street type or direction, "Mt", "Jr".
func abbreviation(w string) bool {
	if len(w) == 1 || abbreviations[w] {
		return true
	}
	c := classes.of(w)
	return c&clsDirection != 0 || len(w) <= 4 && c&clsType != 0
}

var abbreviations = set(`mt ft jr sr dr st msgr rev hon us`)
