package nlp

import "testing"

func TestPlaceCue(t *testing.T) {
	c := newTestClassifier(t, Options{})
	tests := []struct {
		name, text, want string
		place            string // the matched text counted at PlaceWeight, if any
	}{
		{"keyword names where", "sidewalk cracked next to the tree", "sidewalk", "tree"},
		{"keyword names what", "tree roots broke the sidewalk", "tree", ""},
		{"in front of", "a pothole in front of my trash", "pothole", "trash"},
		{"spanish", "un bache cerca del árbol", "pothole", "árbol"},
		{"a clause apart", "the tree is near. sidewalk", "tree", ""},
		{"alone it still counts", "near the tree", "tree", "tree"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Analyze(tt.text, "")
			if r.Service != tt.want {
				t.Errorf("service %s, want %s (%v)", r.Service, tt.want, r.Scores)
			}
			var place string
			for _, m := range r.Matches {
				if m.Place {
					place = m.Text
				}
			}
			if place != tt.place {
				t.Errorf("place match %q, want %q", place, tt.place)
			}
		})
	}
}
