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
	ln lane LN|ct crt court CT|pl place PL|pkwy parkway PKWY|hwy highway HWY|ter terr terrace TER|
	cir circle CIR|way WAY|sq square SQ|trl trail TRL|row ROW|aly alley ALY|expy expressway EXPY|
	fwy freeway FWY|cv cove CV|xing crossing XING|pike PIKE|loop LOOP|run RUN|path PATH|
	rte route RTE|interstate I|fm FM|plz plaza PLZ|cres crescent CRES|tpke turnpike TPKE`)

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

// notStreetWords never belong to a street name: function words, words
// that place things ("front", "side", "between") and the things residents
// report, which come before a street without being part of it
// ("weeds along Maple St").
var notStreetWords = set(`the a an on in at of and or to for from is are was were be been by with near
	between corner intersection block my our your his her their this that these those there it its
	front side behind across next outside inside please thanks thank i we you he she they me us
	right left before after just past up down off into onto over under bound going coming
	inbound outbound eastbound westbound northbound southbound travel bus lanes
	along around as also when then than while where which who what why how if but so because
	about through during without within against toward towards via per each every both all
	many much more most other another same such only still very too again never always
	often ever here has have had do does did will would can could should may might must not no
	isnt arent wasnt werent hasnt havent hadnt dont doesnt didnt cant couldnt wont wouldnt
	think particularly clearly sidewalk sidewalks pothole potholes trash garbage debris
	y el la los las de del en por para con frente esquina entre calle cerca mi su hay`)

// spanishArticles are in notStreetWords but belong to a name written with
// capitals around them: "Vista del Sol Ave", "Del Mar Blvd".
var spanishArticles = set(`de del la las los el`)

// unitWords follow numbers without making an address: "20 Minutes".
var unitWords = set(`days weeks months years hours minutes seconds feet ft foot inches miles mph am pm
	day week month year hour minute mile inch yard way lane lanes
	times people cars trucks vehicles percent lbs pounds dollars yards blocks houses homes kids children
	box apt unit suite ste floor fl room bldg building`)

// numberedThings are words before a number that make it something other
// than a house number: "Exit 12", "Route 9", "Pole 15", "Oct 2011".
var numberedThings = set(`exit route rte hwy highway interstate i us sr bus pole case ticket id no number
	num ext flight line channel unit apt suite ste room bldg building plate tag reg model
	version since year years box dept jan feb mar apr jun jul aug sep sept oct nov dec january
	february march april june july august september october november december`)

// floorWords follow an ordinal that numbers a floor, not a street.
var floorWords = set(`floor floors fl flr fls`)

// placeWords come before a house number written without a street type:
// "at 1234 Main".
var placeWords = set(`at of near outside behind beside by from to on across opposite past front and
	in is address between after around`)

// placeFollowers come after a street written without a type: "1234 Main
// is flooded", "1234 Main near the park".
var placeFollowers = set(`in near at on between and is has was by from to across off where which`)

// landmarkNouns end the names of places that are not streets: "St Anne's
// Church", "Elm Apartments".
var landmarkNouns = set(`apartments apartment apts building buildings school church station hospital
	library center mall plaza market bank store shop restaurant hotel club subdivision neighborhood
	office offices complex field condominiums condos condo`)

// usRoute are the road types after "US": "US Hwy 50".
var usRoute = set(`hwy highway route rte`)

// countyWords name county roads lettered rather than numbered: "County
// Road GV".
var countyWords = set(`county co`)

// namedStreets are streets named without a type: "310 Broadway".
var namedStreets = set(`broadway`)

// ordinalNumbers maps numbered streets written out to their numbers:
// "fifth" to "5TH".
var ordinalNumbers = func() map[string]string {
	m := map[string]string{}
	for i, w := range strings.Fields(`first second third fourth fifth sixth seventh eighth ninth tenth
		eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth
		twentieth`) {
		n := i + 1
		suffix := "TH"
		switch {
		case n >= 11 && n <= 13:
		case n%10 == 1:
			suffix = "ST"
		case n%10 == 2:
			suffix = "ND"
		case n%10 == 3:
			suffix = "RD"
		}
		m[w] = strconv.Itoa(n) + suffix
	}
	return m
}()

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

// isStreetType reports whether w is a street type, "st" or "avenue".
func isStreetType(w string) bool { return classes.of(w)&clsType != 0 }

// hasDecimal reports whether text has a digit, a point and three digits:
// the least a coordinate needs.
func hasDecimal(text string) bool {
	for i := 1; i+3 < len(text); i++ {
		k := strings.IndexByte(text[i:len(text)-3], '.')
		if k < 0 {
			return false
		}
		i += k
		if isDigit(text[i-1]) && isDigit(text[i+1]) && isDigit(text[i+2]) && isDigit(text[i+3]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
