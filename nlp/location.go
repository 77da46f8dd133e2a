package nlp

import "github.com/intake311/intake311/cases"

// locate finds the place text is about: the first landmark for now.
func (c *Classifier) locate(text string, toks []Token) *cases.Location {
	for i := range toks {
		if l, n := c.landmarks.find(toks, i); l != nil {
			lat, lon := l.Lat, l.Lon
			return &cases.Location{Text: text[toks[i].Start:toks[i+n-1].End], Normalized: l.normalized(),
				Kind: "landmark", Start: toks[i].Start, End: toks[i+n-1].End, Lat: &lat, Lon: &lon}
		}
	}
	return nil
}

// streetNames marks the tokens that name a place, so they never count as
// keywords: the found location, and a capitalised word before a street
// type ("Tree St", "Park Ave").
func streetNames(toks []Token, loc *cases.Location) []bool {
	skip := make([]bool, len(toks))
	for i, t := range toks {
		if loc != nil && t.Start >= loc.Start && t.End <= loc.End {
			skip[i] = true
		}
		if i+1 < len(toks) && t.Upper && streetTypes[toks[i+1].Text] && t.Kind == Word {
			skip[i] = true
		}
	}
	return skip
}

// streetTypes are the usual street suffixes, in full and abbreviated.
var streetTypes = map[string]bool{
	"st": true, "street": true, "ave": true, "av": true, "avenue": true, "rd": true, "road": true,
	"blvd": true, "boulevard": true, "dr": true, "drive": true, "ln": true, "lane": true,
	"ct": true, "court": true, "pl": true, "place": true, "pkwy": true, "parkway": true,
	"hwy": true, "highway": true, "ter": true, "terrace": true, "cir": true, "circle": true,
	"way": true, "sq": true, "square": true, "trl": true, "trail": true, "row": true,
}
