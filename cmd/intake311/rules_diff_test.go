package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestDiffLines(t *testing.T) {
	tests := []struct {
		name   string
		a, b   string
		around int
		want   string
	}{
		{"same", "a\nb\n", "a\nb\n", 3, ""},
		{"changed line", "a\nb\nc\n", "a\nB\nc\n", 1, "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"added at the end", "a\nb\n", "a\nb\nc\n", 1, "@@ -2 +2,2 @@\n b\n+c\n"},
		{"removed at the start", "a\nb\nc\n", "b\nc\n", 0, "@@ -1 +0,0 @@\n-a\n"},
		{"from nothing", "", "a\n", 3, "@@ -0,0 +1 @@\n+a\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\nX\n3\n4\n5\n6\nY\n8\n", 1,
			"@@ -1,3 +1,3 @@\n 1\n-2\n+X\n 3\n@@ -6,3 +6,3 @@\n 6\n-7\n+Y\n 8\n"},
		{"close changes join", "1\n2\n3\n4\n", "X\n2\n3\nY\n", 1, "@@ -1,4 +1,4 @@\n-1\n+X\n 2\n 3\n-4\n+Y\n"},
		{"moved line", "a\nb\nc\n", "b\nc\na\n", 0, "@@ -1 +0,0 @@\n-a\n@@ -3,0 +3 @@\n+a\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			for _, h := range diffLines(splitLines(tt.a), splitLines(tt.b), tt.around) {
				h.write(&b)
			}
			if b.String() != tt.want {
				t.Errorf("diff:\n%s\nwant:\n%s", b.String(), tt.want)
			}
		})
	}
}

func TestEditScriptIsMinimal(t *testing.T) {
	a := strings.Split("the quick brown fox jumps over the lazy dog", " ")
	b := strings.Split("the quick red fox jumped over the dog today", " ")
	changes := 0
	for _, e := range editScript(a, b) {
		if e.op != ' ' {
			changes++
		}
	}
	if changes != 6 { // brown, jumps, lazy out; red, jumped, today in
		t.Errorf("%d changes, want 6", changes)
	}
}
