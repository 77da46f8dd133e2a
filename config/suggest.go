package config

import (
	"fmt"
	"strings"
)

// suggest explains an unknown name: the known name it is closest to, or
// the list of known names.
func suggest(name string, known []string) string {
	if best := closest(name, known); best != "" {
		return fmt.Sprintf("(did you mean %q?)", best)
	}
	return "(want " + orList(known) + ")"
}

// closest returns the known name that name is probably a misspelling of,
// ignoring case, "_" and "-", or "".
func closest(name string, known []string) string {
	best, bestDist := "", -1
	for _, k := range known {
		d := distance(fold(name), fold(k))
		if d <= max(1, min(2, len(k)/3)) && (bestDist < 0 || d < bestDist) {
			best, bestDist = k, d
		}
	}
	return best
}

func fold(s string) string {
	return strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(s))
}

// distance is the edit distance between a and b, counting insertions,
// deletions, substitutions and swaps of adjacent characters.
func distance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			d[i][j] = editStep(d, x, y, i, j)
		}
	}
	return d[len(x)][len(y)]
}

func editStep(d [][]int, x, y []rune, i, j int) int {
	cost := 1
	if x[i-1] == y[j-1] {
		cost = 0
	}
	v := min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
	if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
		v = min(v, d[i-2][j-2]+1)
	}
	return v
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	switch len(names) {
	case 0:
		return "nothing"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
