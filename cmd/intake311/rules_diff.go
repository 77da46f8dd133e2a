package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// A line diff for routing documents: the shortest edit script between two
// lists of lines (Myers' greedy algorithm), printed as unified hunks.

// edit is one line of an edit script: kept (' '), deleted ('-') or
// inserted ('+'), with its line index in the old (a) and new (b) text.
type edit struct {
	op   byte
	a, b int
	text string
}

// maxDiffCells bounds the memory the edit search keeps; beyond it, the
// changed middle is shown as deleted and inserted whole.
const maxDiffCells = 1 << 24

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// editScript returns the edits that turn a into b.
func editScript(a, b []string) []edit {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out []edit
	for i := range pre {
		out = append(out, edit{' ', i, i, a[i]})
	}
	mid := middle(a[pre:len(a)-suf], b[pre:len(b)-suf])
	for _, e := range mid {
		e.a, e.b = e.a+pre, e.b+pre
		out = append(out, e)
	}
	for i := suf; i > 0; i-- {
		out = append(out, edit{' ', len(a) - i, len(b) - i, a[len(a)-i]})
	}
	return out
}

// middle finds the edits between a and b, which differ at both ends.
func middle(a, b []string) []edit {
	n, m := len(a), len(b)
	off := n + m + 1
	v := make([]int, 2*off+1)
	var trace [][]int
	for d := 0; d <= n+m; d++ {
		if (d+1)*len(v) > maxDiffCells {
			return replaceAll(a, b)
		}
		trace = append(trace, slices.Clone(v))
		for k := -d; k <= d; k += 2 {
			x := v[off+k-1] + 1
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				return backtrack(trace, off, a, b)
			}
		}
	}
	return replaceAll(a, b)
}

// backtrack walks the saved frontiers back from the end of both texts.
func backtrack(trace [][]int, off int, a, b []string) []edit {
	var rev []edit
	x, y := len(a), len(b)
	for d := len(trace) - 1; d >= 0; d-- {
		v, k := trace[d], x-y
		prev := k - 1
		if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
			prev = k + 1
		}
		px := v[off+prev]
		py := px - prev
		for x > px && y > py {
			x, y = x-1, y-1
			rev = append(rev, edit{' ', x, y, a[x]})
		}
		if d == 0 {
			break
		}
		if x == px {
			rev = append(rev, edit{'+', x, py, b[py]})
		} else {
			rev = append(rev, edit{'-', px, y, a[px]})
		}
		x, y = px, py
	}
	slices.Reverse(rev)
	return rev
}

func replaceAll(a, b []string) []edit {
	var out []edit
	for i, l := range a {
		out = append(out, edit{'-', i, 0, l})
	}
	for i, l := range b {
		out = append(out, edit{'+', len(a), i, l})
	}
	return out
}

// hunk is a run of edits with the unchanged lines around them.
type hunk struct{ edits []edit }

// diffLines returns the hunks of changes between a and b, each with up to
// around unchanged lines before and after; hunks whose context would
// overlap are joined.
func diffLines(a, b []string, around int) []hunk {
	es := editScript(a, b)
	var spans [][2]int
	for i, e := range es {
		if e.op == ' ' {
			continue
		}
		lo, hi := max(i-around, 0), min(i+around+1, len(es))
		if n := len(spans); n > 0 && lo <= spans[n-1][1] {
			spans[n-1][1] = hi
		} else {
			spans = append(spans, [2]int{lo, hi})
		}
	}
	hunks := make([]hunk, len(spans))
	for i, sp := range spans {
		hunks[i] = hunk{es[sp[0]:sp[1]]}
	}
	return hunks
}

func (h hunk) write(w io.Writer) {
	first := h.edits[0]
	na, nb := 0, 0
	for _, e := range h.edits {
		if e.op != '+' {
			na++
		}
		if e.op != '-' {
			nb++
		}
	}
	fmt.Fprintf(w, "@@ -%s +%s @@\n", lineRange(first.a, na), lineRange(first.b, nb))
	for _, e := range h.edits {
		fmt.Fprintf(w, "%c%s\n", e.op, e.text)
	}
}

// lineRange is a unified diff range: the first line (1-based) and the
// count.
func lineRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprint(start + 1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}
