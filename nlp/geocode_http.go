package nlp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/intake311/intake311/cases"
)

// Geocoding services that HTTPGeocoder speaks to.
const (
	Pelias    = "pelias"
	Nominatim = "nominatim"
)

// HTTPGeocoder asks a Pelias- or Nominatim-compatible service.
type HTTPGeocoder struct {
	// BaseURL is the service root: requests go to BaseURL+"/v1/search"
	// (Pelias) or BaseURL+"/search" (Nominatim).
	BaseURL string
	// API is Pelias or Nominatim; empty is Pelias.
	API string
	// Area is appended to every query ("Riverton, IL") so that street
	// names resolve in the right city.
	Area string
	// Client makes the requests; nil is http.DefaultClient. Set its
	// Timeout: Geocode runs while a resident waits.
	Client *http.Client
	// UserAgent identifies the gateway, as Nominatim's policy asks.
	UserAgent string
}

var _ Geocoder = (*HTTPGeocoder)(nil)

// Geocode implements Geocoder.
func (g *HTTPGeocoder) Geocode(ctx context.Context, loc cases.Location) (Point, error) {
	if loc.Lat != nil && loc.Lon != nil {
		return Point{*loc.Lat, *loc.Lon}, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, g.url(g.query(loc)), nil)
	if err != nil {
		return Point{}, fmt.Errorf("geocode: %w", err)
	}
	if g.UserAgent != "" {
		req.Header.Set("User-Agent", g.UserAgent)
	}
	client := g.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return Point{}, fmt.Errorf("geocode: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Point{}, fmt.Errorf("geocode %q: %s: %w", loc.Normalized, resp.Status, cases.ErrUnavailable)
	}
	p, found, err := g.decode(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return Point{}, fmt.Errorf("geocode %q: %w", loc.Normalized, err)
	}
	if !found {
		return Point{}, fmt.Errorf("geocode %q: %w", loc.Normalized, cases.ErrNotFound)
	}
	return p, nil
}

// query is the text sent: the normalised place, an intersection with
// "and", and the area.
func (g *HTTPGeocoder) query(loc cases.Location) string {
	q := strings.Replace(loc.Normalized, " & ", " and ", 1)
	if q == "" {
		q = loc.Text
	}
	if g.Area != "" {
		q += ", " + g.Area
	}
	return q
}

func (g *HTTPGeocoder) url(q string) string {
	base := strings.TrimRight(g.BaseURL, "/")
	if g.API == Nominatim {
		return base + "/search?" + url.Values{"q": {q}, "format": {"jsonv2"}, "limit": {"1"}}.Encode()
	}
	return base + "/v1/search?" + url.Values{"text": {q}, "size": {"1"}}.Encode()
}

func (g *HTTPGeocoder) decode(r io.Reader) (Point, bool, error) {
	if g.API == Nominatim {
		return decodeNominatim(r)
	}
	return decodePelias(r)
}

func decodePelias(r io.Reader) (Point, bool, error) {
	var fc struct {
		Features []struct {
			Geometry struct {
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.NewDecoder(r).Decode(&fc); err != nil {
		return Point{}, false, fmt.Errorf("decode pelias answer: %w", err)
	}
	if len(fc.Features) == 0 || len(fc.Features[0].Geometry.Coordinates) < 2 {
		return Point{}, false, nil
	}
	c := fc.Features[0].Geometry.Coordinates
	return Point{Lat: c[1], Lon: c[0]}, true, nil
}

func decodeNominatim(r io.Reader) (Point, bool, error) {
	var places []struct {
		Lat string `json:"lat"`
		Lon string `json:"lon"`
	}
	if err := json.NewDecoder(r).Decode(&places); err != nil {
		return Point{}, false, fmt.Errorf("decode nominatim answer: %w", err)
	}
	if len(places) == 0 {
		return Point{}, false, nil
	}
	lat, err1 := strconv.ParseFloat(places[0].Lat, 64)
	lon, err2 := strconv.ParseFloat(places[0].Lon, 64)
	if err1 != nil || err2 != nil {
		return Point{}, false, fmt.Errorf("decode nominatim answer: bad coordinates %q, %q", places[0].Lat, places[0].Lon)
	}
	return Point{Lat: lat, Lon: lon}, true, nil
}
