package nlp

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"plain", "Pothole on Main", []string{"pothole", "on", "main"}},
		{"accents", "Señora ÁRBOL caído", []string{"senora", "arbol", "caido"}},
		{"full width", "ＰＯＴＨＯＬＥ", []string{"pothole"}},
		{"apostrophe", "it's not the trash", []string{"its", "not", "the", "trash"}},
		{"curly apostrophe", "don\u2019t", []string{"dont"}},
		{"punctuation", "Elm & Oak, 5th", []string{"elm", "&", "oak", ",", "5th"}},
		{"emoji", "🚧🚧 hole 🕳️", []string{"hole"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tok := range Tokenize(tt.text) {
				got = append(got, tok.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTokenOffsets(t *testing.T) {
	text := "Árbol caído en 12 Elm"
	for _, tok := range Tokenize(text) {
		if Fold(text[tok.Start:tok.End]) != tok.Text {
			t.Errorf("token %q spans %q", tok.Text, text[tok.Start:tok.End])
		}
	}
}

func TestTokenKinds(t *testing.T) {
	toks := Tokenize("1234 Main 5th #")
	want := []TokenKind{Number, Word, Mixed, Punct}
	for i, k := range want {
		if toks[i].Kind != k {
			t.Errorf("token %q kind %d, want %d", toks[i].Text, toks[i].Kind, k)
		}
	}
	if !toks[1].Upper || toks[2].Upper {
		t.Errorf("Upper flags wrong: %+v", toks)
	}
}
