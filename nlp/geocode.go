package nlp

import (
	"context"

	"github.com/intake311/intake311/cases"
)

// Geocoder turns a found location into coordinates. It returns an error
// wrapping cases.ErrNotFound when it does not know the place.
type Geocoder interface {
	Geocode(ctx context.Context, loc cases.Location) (Point, error)
}

// Point is a WGS 84 coordinate.
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}
