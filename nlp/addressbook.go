package nlp

import (
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/intake311/intake311/cases"
)

// AddressBook is an offline Geocoder over a city's address points: it
// finds addresses (exactly, or the nearest number on the street), blocks
// and intersections (where two streets' points come closest).
type AddressBook struct {
	streets map[string][]addressPoint // normalised street -> points by number
	bare    map[string][]string       // street name without its type -> streets
}

type addressPoint struct {
	number int
	at     Point
}

var _ Geocoder = (*AddressBook)(nil)

// NewAddressBook returns an empty book; Add fills it.
func NewAddressBook() *AddressBook {
	return &AddressBook{streets: map[string][]addressPoint{}, bare: map[string][]string{}}
}

// Add records the point of a house number on a street.
func (b *AddressBook) Add(number int, street string, at Point) {
	key := normStreet(street)
	if key == "" {
		return
	}
	pts := b.streets[key]
	i, _ := slices.BinarySearchFunc(pts, number, func(p addressPoint, n int) int { return cmp.Compare(p.number, n) })
	b.streets[key] = slices.Insert(pts, i, addressPoint{number, at})
	if name := stripType(key); name != key && !slices.Contains(b.bare[name], key) {
		b.bare[name] = append(b.bare[name], key)
	}
}

// Len returns how many streets the book knows.
func (b *AddressBook) Len() int { return len(b.streets) }

// ReadAddressCSV reads address points from a CSV with a header naming the
// columns number, street, lat and lon.
func ReadAddressCSV(r io.Reader) (*AddressBook, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("address csv: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, c := range []string{"number", "street", "lat", "lon"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("address csv: no %q column", c)
		}
	}
	b := NewAddressBook()
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return b, nil
		}
		if err != nil {
			return nil, fmt.Errorf("address csv: %w", err)
		}
		if err := b.addRecord(rec[col["number"]], rec[col["street"]], rec[col["lat"]], rec[col["lon"]]); err != nil {
			return nil, fmt.Errorf("address csv line %d: %w", line, err)
		}
	}
}

func (b *AddressBook) addRecord(number, street, lat, lon string) error {
	n, err1 := strconv.Atoi(strings.TrimSpace(number))
	la, err2 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
	lo, err3 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
	if err := errors.Join(err1, err2, err3); err != nil {
		return err
	}
	b.Add(n, street, Point{Lat: la, Lon: lo})
	return nil
}

// ReadAddressGeoJSON reads a FeatureCollection of Points whose properties
// name the house "number" and "street".
func ReadAddressGeoJSON(r io.Reader) (*AddressBook, error) {
	var fc struct {
		Features []struct {
			Geometry struct {
				Type        string    `json:"type"`
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.NewDecoder(r).Decode(&fc); err != nil {
		return nil, fmt.Errorf("address geojson: %w", err)
	}
	b := NewAddressBook()
	for i, f := range fc.Features {
		if f.Geometry.Type != "Point" || len(f.Geometry.Coordinates) < 2 {
			return nil, fmt.Errorf("address geojson feature %d: not a Point", i)
		}
		num, street := fmt.Sprint(f.Properties["number"]), fmt.Sprint(f.Properties["street"])
		c := f.Geometry.Coordinates
		if err := b.addRecord(num, street, fmt.Sprint(c[1]), fmt.Sprint(c[0])); err != nil {
			return nil, fmt.Errorf("address geojson feature %d: %w", i, err)
		}
	}
	return b, nil
}

// Geocode implements Geocoder.
func (b *AddressBook) Geocode(ctx context.Context, loc cases.Location) (Point, error) {
	if loc.Lat != nil && loc.Lon != nil {
		return Point{*loc.Lat, *loc.Lon}, nil
	}
	var p Point
	var ok bool
	switch loc.Kind {
	case KindAddress:
		p, ok = b.address(loc.Normalized)
	case KindBlock:
		p, ok = b.block(loc.Normalized)
	case KindIntersection:
		p, ok = b.intersection(loc.Normalized)
	}
	if !ok {
		return Point{}, fmt.Errorf("geocode %q: %w", loc.Normalized, cases.ErrNotFound)
	}
	return p, nil
}

// address finds "1234 N MAIN ST": the point of that number, or of the
// nearest number on the street. Of a range ("22-24 ELM ST", "71-20
// HARBOR AVE") or a half ("418 1/2 LINDEN AVE") it takes the first
// number.
func (b *AddressBook) address(norm string) (Point, bool) {
	num, street, _ := strings.Cut(norm, " ")
	digits := strings.IndexFunc(num, func(r rune) bool { return r < '0' || r > '9' })
	if digits >= 0 {
		num = num[:digits]
	}
	n, err := strconv.Atoi(num)
	if err != nil {
		return Point{}, false
	}
	street = strings.TrimPrefix(street, "1/2 ")
	return b.nearest(street, n)
}

// block finds "100 BLOCK OF ELM ST".
func (b *AddressBook) block(norm string) (Point, bool) {
	num, street, ok := strings.Cut(norm, " BLOCK OF ")
	n, err := strconv.Atoi(num)
	if !ok || err != nil {
		return Point{}, false
	}
	return b.nearest(street, n+50)
}

func (b *AddressBook) nearest(street string, n int) (Point, bool) {
	pts := b.points(street)
	if len(pts) == 0 {
		return Point{}, false
	}
	i, _ := slices.BinarySearchFunc(pts, n, func(p addressPoint, n int) int { return cmp.Compare(p.number, n) })
	switch {
	case i == len(pts):
		i--
	case i > 0 && n-pts[i-1].number < pts[i].number-n:
		i--
	}
	return pts[i].at, true
}

// points returns the points of a street, matching a name given without
// its type when that is unambiguous.
func (b *AddressBook) points(street string) []addressPoint {
	key := normStreet(street)
	if pts, ok := b.streets[key]; ok {
		return pts
	}
	if full := b.bare[stripType(key)]; len(full) == 1 {
		return b.streets[full[0]]
	}
	return nil
}

// maxCrossing is how far apart the closest points of two streets may be
// for them to be taken as crossing, in metres.
const maxCrossing = 250

// intersection finds "MAIN ST & 5TH ST": the midpoint of the closest pair
// of points of the two streets.
func (b *AddressBook) intersection(norm string) (Point, bool) {
	s1, s2, ok := strings.Cut(norm, " & ")
	a, c := b.points(s1), b.points(s2)
	if !ok || len(a) == 0 || len(c) == 0 {
		return Point{}, false
	}
	best, pa, pc := math.Inf(1), Point{}, Point{}
	for _, x := range a {
		for _, y := range c {
			if d := distance(x.at, y.at); d < best {
				best, pa, pc = d, x.at, y.at
			}
		}
	}
	if best > maxCrossing {
		return Point{}, false
	}
	return Point{(pa.Lat + pc.Lat) / 2, (pa.Lon + pc.Lon) / 2}, true
}

// distance is the equirectangular distance in metres, good enough within a
// city.
func distance(a, b Point) float64 {
	const r = 6371000
	x := (b.Lon - a.Lon) * math.Pi / 180 * math.Cos((a.Lat+b.Lat)/2*math.Pi/180)
	y := (b.Lat - a.Lat) * math.Pi / 180
	return r * math.Hypot(x, y)
}

// normStreet normalises a street name: capitals, USPS abbreviations.
func normStreet(s string) string {
	var out []string
	for _, t := range Tokenize(s) {
		if t.Kind == Punct {
			continue
		}
		w := t.Text
		if a, ok := streetTypes[w]; ok && len(out) > 0 {
			w = a
		} else if a, ok := directions[w]; ok {
			w = a
		}
		out = append(out, strings.ToUpper(w))
	}
	return strings.Join(out, " ")
}

// stripType drops a trailing street type.
func stripType(key string) string {
	i := strings.LastIndexByte(key, ' ')
	if i < 0 {
		return key
	}
	if isStreetType(strings.ToLower(key[i+1:])) {
		return key[:i]
	}
	return key
}
