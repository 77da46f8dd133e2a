package nlp

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/intake311/intake311/cases"
)

func readBook(t *testing.T, name string, read func(f *os.File) (*AddressBook, error)) *AddressBook {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := read(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func near(a, b Point) bool { return math.Abs(a.Lat-b.Lat) < 1e-4 && math.Abs(a.Lon-b.Lon) < 1e-4 }

func TestAddressBook(t *testing.T) {
	b := readBook(t, "addresses.csv", func(f *os.File) (*AddressBook, error) { return ReadAddressCSV(f) })
	tests := []struct {
		text string
		want Point
	}{
		{"pothole at 1234 N Main St", Point{40.0950, -89.0150}},
		{"trash at 138 Elm Street", Point{40.0904, -89.0200}},
		{"dumping in the 100 block of Elm", Point{40.0904, -89.0200}},
		{"light out at Elm St and 5th Ave", Point{40.0910, -89.0199}},
		{"corner of Elm & 5th", Point{40.0910, -89.0199}},
		{"ice in front of 138-142 Elm St.", Point{40.0904, -89.0200}},
		{"trash at 138 1/2 Elm Street", Point{40.0904, -89.0200}},
		{"light out at Fifth Ave. & Elm St.", Point{40.0910, -89.0199}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			loc := best(Locate(tt.text))
			if loc == nil {
				t.Fatalf("no location in %q", tt.text)
			}
			p, err := b.Geocode(context.Background(), *loc)
			if err != nil || !near(p, tt.want) {
				t.Errorf("Geocode(%q) = %v, %v; want %v", loc.Normalized, p, err, tt.want)
			}
		})
	}
	_, err := b.Geocode(context.Background(), cases.Location{Kind: KindAddress, Normalized: "9 NOWHERE RD"})
	if !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("unknown street: err = %v, want not found", err)
	}
}

func TestAddressBookGeoJSON(t *testing.T) {
	b := readBook(t, "addresses.geojson", func(f *os.File) (*AddressBook, error) { return ReadAddressGeoJSON(f) })
	p, err := b.Geocode(context.Background(), cases.Location{Kind: KindAddress, Normalized: "100 ELM ST"})
	if err != nil || !near(p, Point{40.0900, -89.0200}) || b.Len() != 2 {
		t.Errorf("Geocode = %v, %v (%d streets)", p, err, b.Len())
	}
}

// geocodingService answers like a Pelias or Nominatim server: one place
// for "1234 N MAIN ST, Riverton" and nothing for anything else.
func geocodingService(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/search", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("text") != "1234 N MAIN ST, Riverton" {
			w.Write([]byte(`{"type":"FeatureCollection","features":[]}`))
			return
		}
		w.Write([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature",
			"geometry":{"type":"Point","coordinates":[-89.015,40.095]},"properties":{"label":"1234 N Main St"}}]}`))
	})
	mux.HandleFunc("GET /search", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("format") != "jsonv2" || r.Header.Get("User-Agent") != "intake311-test" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if r.URL.Query().Get("q") != "1234 N MAIN ST, Riverton" {
			w.Write([]byte(`[]`))
			return
		}
		w.Write([]byte(`[{"lat":"40.095","lon":"-89.015","display_name":"1234 North Main Street"}]`))
	})
	mux.HandleFunc("GET /broken/v1/search", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "overloaded", http.StatusServiceUnavailable)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestHTTPGeocoder(t *testing.T) {
	srv := geocodingService(t)
	main := cases.Location{Kind: KindAddress, Normalized: "1234 N MAIN ST"}
	other := cases.Location{Kind: KindAddress, Normalized: "1 NOWHERE RD"}
	tests := []struct {
		name string
		g    *HTTPGeocoder
		loc  cases.Location
		want error
	}{
		{"pelias", &HTTPGeocoder{BaseURL: srv.URL, Area: "Riverton"}, main, nil},
		{"nominatim", &HTTPGeocoder{BaseURL: srv.URL, API: Nominatim, Area: "Riverton", UserAgent: "intake311-test"}, main, nil},
		{"pelias unknown", &HTTPGeocoder{BaseURL: srv.URL, Area: "Riverton"}, other, cases.ErrNotFound},
		{"nominatim unknown", &HTTPGeocoder{BaseURL: srv.URL, API: Nominatim, Area: "Riverton", UserAgent: "intake311-test"}, other, cases.ErrNotFound},
		{"service down", &HTTPGeocoder{BaseURL: srv.URL + "/broken", Area: "Riverton"}, main, cases.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.g.Geocode(context.Background(), tt.loc)
			if tt.want != nil {
				if !errors.Is(err, tt.want) {
					t.Errorf("err = %v, want %v", err, tt.want)
				}
				return
			}
			if err != nil || !near(p, Point{40.095, -89.015}) {
				t.Errorf("Geocode = %v, %v", p, err)
			}
		})
	}
}
