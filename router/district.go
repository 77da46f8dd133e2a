package router

import (
	"encoding/json"
	"fmt"
)

// geometry is the part of GeoJSON that districts use.
type geometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
	Geometry    *geometry       `json:"geometry"` // a Feature
	Features    []geometry      `json:"features"` // a FeatureCollection
}

// ParseGeoJSON reads a Polygon, MultiPolygon, Feature or FeatureCollection
// of those, as JSON text or as the value a YAML decoder gives for it, into
// polygons (each an outer ring then its holes).
func ParseGeoJSON(v any) ([][][]Point, error) {
	b, ok := v.(string)
	var data []byte
	if ok {
		data = []byte(b)
	} else {
		var err error
		if data, err = json.Marshal(v); err != nil {
			return nil, fmt.Errorf("geojson: %w", err)
		}
	}
	var g geometry
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, fmt.Errorf("geojson: %w", err)
	}
	return g.polygons()
}

func (g *geometry) polygons() ([][][]Point, error) {
	switch g.Type {
	case "Polygon":
		var rings [][][2]float64
		if err := json.Unmarshal(g.Coordinates, &rings); err != nil {
			return nil, fmt.Errorf("geojson polygon: %w", err)
		}
		p, err := polygon(rings)
		return [][][]Point{p}, err
	case "MultiPolygon":
		return g.multiPolygon()
	case "Feature":
		if g.Geometry == nil {
			return nil, fmt.Errorf("geojson: a feature without geometry")
		}
		return g.Geometry.polygons()
	case "FeatureCollection":
		return g.collection()
	}
	return nil, fmt.Errorf("geojson: type %q is not a Polygon, MultiPolygon, Feature or FeatureCollection", g.Type)
}

func (g *geometry) multiPolygon() ([][][]Point, error) {
	var polys [][][][2]float64
	if err := json.Unmarshal(g.Coordinates, &polys); err != nil {
		return nil, fmt.Errorf("geojson multipolygon: %w", err)
	}
	var out [][][]Point
	for _, rings := range polys {
		p, err := polygon(rings)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func (g *geometry) collection() ([][][]Point, error) {
	var out [][][]Point
	for i := range g.Features {
		p, err := g.Features[i].polygons()
		if err != nil {
			return nil, err
		}
		out = append(out, p...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("geojson: an empty feature collection")
	}
	return out, nil
}

func polygon(rings [][][2]float64) ([][]Point, error) {
	if len(rings) == 0 {
		return nil, fmt.Errorf("geojson: a polygon without rings")
	}
	out := make([][]Point, len(rings))
	for i, r := range rings {
		if len(r) < 4 {
			return nil, fmt.Errorf("geojson: a ring needs at least 4 positions, has %d", len(r))
		}
		for _, c := range r {
			if c[0] < -180 || c[0] > 180 || c[1] < -90 || c[1] > 90 {
				return nil, fmt.Errorf("geojson: position [%v, %v] is not [longitude, latitude]", c[0], c[1])
			}
			out[i] = append(out[i], Point{Lon: c[0], Lat: c[1]})
		}
	}
	return out, nil
}

// Contains reports whether the point lies inside the district.
func (d *District) Contains(lat, lon float64) bool {
	for _, poly := range d.Shape {
		if inRing(poly[0], lat, lon) && !inAnyHole(poly[1:], lat, lon) {
			return true
		}
	}
	return false
}

func inAnyHole(holes [][]Point, lat, lon float64) bool {
	for _, h := range holes {
		if inRing(h, lat, lon) {
			return true
		}
	}
	return false
}

// inRing is the even-odd ray test.
func inRing(ring []Point, lat, lon float64) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a.Lat > lat) != (b.Lat > lat) && lon < (b.Lon-a.Lon)*(lat-a.Lat)/(b.Lat-a.Lat)+a.Lon {
			in = !in
		}
	}
	return in
}
