package nlp

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/intake311/intake311/cases"
)

// streetTypes maps street suffixes, in full and abbreviated, to their
// USPS abbreviation.
var streetTypes = pairs(`st street ST|ave av avenue AVE|rd road RD|blvd boulevard BLVD|dr drive DR|
	ln lane LN|ct court CT|pl place PL|pkwy parkway PKWY|hwy highway HWY|ter terrace TER|
	cir circle CIR|way WAY|sq square SQ|trl trail TRL|row ROW|aly alley ALY|expy expressway EXPY|
	fwy freeway FWY|cv cove CV|xing crossing XING|pike PIKE|loop LOOP|run RUN|path PATH|
	rte route RTE|interstate I|fm FM`)

// directions maps compass words to their abbreviation.
var directions = pairs(`n north N|s south S|e east E|w west W|ne northeast NE|nw northwest NW|
	se southeast SE|sw southwest SW`)

// pairs reads "a b ABBR|c d ABBR2" into a map from each word to its
// abbreviation.
func pairs(spec string) map[string]string {
	m := map[string]string{}
	for _, group := range strings.Split(spec, "|") {
		f := strings.Fields(group)
		for _, w := range f[:len(f)-1] {
			m[w] = f[len(f)-1]
		}
	}
	return m
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// notStreetWords never belong to a street name.
var notStreetWords = set(`the a an on in at of and or to for from is are was were be been by with near
	between corner intersection block my our your his her their this that these those there it its
	front side behind across next outside inside please thanks thank i we you he she they me us
	right left before after just past up down off into onto over under bound going coming
	inbound outbound eastbound westbound northbound southbound travel bus lane lanes
	y el la los las de del en por para con frente esquina entre calle cerca mi su hay`)

// unitWords follow numbers without making an address: "20 Minutes".
var unitWords = set(`days weeks months years hours minutes seconds feet ft foot inches miles mph am pm
	times people cars trucks vehicles percent lbs pounds dollars yards blocks houses homes kids children
	box apt unit suite ste floor fl room bldg building`)

// states are the postal abbreviations that may precede a ZIP code.
var states = set(`al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne
	nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy pr`)

var latLonPattern = regexp.MustCompile(`(-?\d{1,2}\.\d{3,})\s*,\s*(-?\d{1,3}\.\d{3,})`)

// latLons finds "42.3601, -71.0589" pairs.
func latLons(text string) []cases.Location {
	if !hasDecimal(text) {
		return nil
	}
	var out []cases.Location
	for _, m := range latLonPattern.FindAllStringSubmatchIndex(text, 4) {
		lat, err1 := strconv.ParseFloat(text[m[2]:m[3]], 64)
		lon, err2 := strconv.ParseFloat(text[m[4]:m[5]], 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			continue
		}
		norm := strconv.FormatFloat(lat, 'f', -1, 64) + "," + strconv.FormatFloat(lon, 'f', -1, 64)
		out = append(out, cases.Location{Text: text[m[0]:m[1]], Normalized: norm, Kind: KindLatLon,
			Start: m[0], End: m[1], Lat: &lat, Lon: &lon})
	}
	return out
}

// streetNames marks in skip (resized) the tokens that name a place, so
// they never count as keywords: every found location, and a capitalised
// word before a street type ("Tree St", "Park Ave").
func streetNames(toks []Token, locs []cases.Location, skip []bool) []bool {
	skip = grow(skip, len(toks))
	for i, t := range toks {
		skip[i] = false
		for _, l := range locs {
			if t.Start >= l.Start && t.End <= l.End {
				skip[i] = true
			}
		}
		if i+1 < len(toks) && t.Upper && t.Kind == Word && isStreetType(toks[i+1].Text) {
			skip[i] = true
		}
	}
	return skip
}

func isStreetType(w string) bool {
	_, ok := streetTypes[w]
	return ok
}

// hasDecimal reports whether text has a digit, a point and three digits:
// the least a coordinate needs.
func hasDecimal(text string) bool {
	for i := 1; i+3 < len(text); i++ {
		if text[i] == '.' && isDigit(text[i-1]) && isDigit(text[i+1]) && isDigit(text[i+2]) && isDigit(text[i+3]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
