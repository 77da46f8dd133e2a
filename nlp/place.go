package nlp

// A keyword right after a preposition of place names where the problem
// is, not what it is: "a pothole next to the storm drain" is a pothole,
// "the sidewalk around the catch basin" a sidewalk. Such a keyword counts
// for PlaceWeight of its weight.

// PlaceWeight is the share of its weight a keyword keeps after a
// preposition of place.
const PlaceWeight = 0.5

// placeCues are the prepositions of place, each as its words in reverse
// order ("in front of" is "of front in"), English and Spanish.
var placeCues = [][]string{
	{"near"}, {"by"}, {"beside"}, {"behind"}, {"around"}, {"at"}, {"along"},
	{"opposite"}, {"outside"}, {"between"}, {"beneath"}, {"under"},
	{"underneath"}, {"above"}, {"over"}, {"past"}, {"toward"}, {"towards"},
	{"from"}, {"to", "next"}, {"of", "front", "in"}, {"from", "across"},
	{"to", "adjacent"}, {"to", "close"},
	{"de", "cerca"}, {"a", "junto"}, {"a", "frente"}, {"de", "enfrente"},
	{"de", "lado"}, {"de", "detras"}, {"de", "atras"}, {"de", "debajo"},
	{"del", "cerca"}, {"al", "junto"}, {"al", "frente"}, {"del", "enfrente"},
	{"del", "lado"}, {"del", "detras"}, {"del", "atras"}, {"del", "debajo"},
}

// placeSkip are the words between a preposition and its noun that do not
// change its sense: articles and possessives.
var placeSkip = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "my": true,
	"our": true, "their": true, "his": true, "her": true, "its": true,
	"your": true, "some": true, "el": true, "la": true, "los": true,
	"las": true, "un": true, "una": true, "mi": true, "su": true,
}

// afterPlaceCue reports whether a preposition of place stands right
// before token i, articles aside, in the same clause.
func afterPlaceCue(toks []Token, i int) bool {
	j := i - 1
	for j >= 0 && toks[j].Kind == Word && placeSkip[toks[j].Text] {
		j--
	}
	for _, cue := range placeCues {
		if cueEndsAt(toks, j, cue) {
			return true
		}
	}
	return false
}

// cueEndsAt reports whether the words of cue, reversed, end at token j.
func cueEndsAt(toks []Token, j int, cue []string) bool {
	for _, w := range cue {
		if j < 0 || toks[j].Kind != Word || toks[j].Text != w {
			return false
		}
		j--
	}
	return true
}
