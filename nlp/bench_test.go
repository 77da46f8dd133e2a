package nlp

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

func benchMessages(b *testing.B) []string {
	f, err := os.Open("testdata/messages.txt")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out []string
	for sc := bufio.NewScanner(f); sc.Scan(); {
		out = append(out, sc.Text())
	}
	return out
}

// syntheticLexicon makes n services of 20 made-up keywords each (a third
// of them phrases), for measuring how cost grows with the catalogue.
func syntheticLexicon(n int) Lexicon {
	syll := []string{"ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "zu", "da", "fe", "gi", "ho", "ju"}
	word := func(i int) string {
		var b strings.Builder
		for j := 0; j < 4; j++ {
			b.WriteString(syll[i%len(syll)])
			i /= len(syll)
		}
		return b.String()
	}
	lex := Lexicon{Triage: "general", Languages: []string{English}}
	for s := 0; s < n; s++ {
		var terms []Term
		for k := 0; k < 20; k++ {
			t := word(s*20 + k)
			if k%3 == 0 {
				t += " " + word(s*20+k+7)
			}
			terms = append(terms, Term{Text: t, Weight: 2})
		}
		lex.Services = append(lex.Services, ServiceTerms{Code: fmt.Sprintf("s%d", s), Keywords: map[string][]Term{English: terms}})
	}
	return lex
}

// BenchmarkClassifyCatalogue measures a 120-byte message against
// catalogues of 20, 200 and 2,000 services; one keyword of the catalogue
// is in every message.
func BenchmarkClassifyCatalogue(b *testing.B) {
	msgs := benchMessages(b)
	for _, n := range []int{20, 200, 2000} {
		lex := syntheticLexicon(n)
		c, err := New(lex, Options{})
		if err != nil {
			b.Fatal(err)
		}
		kw := lex.Services[n/2].Keywords[English][1].Text
		texts := make([]string, len(msgs))
		for i, m := range msgs {
			texts[i] = m[:len(m)-len(kw)-1] + " " + kw
		}
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			benchAnalyze(b, c, texts)
		})
	}
}

func benchAnalyze(b *testing.B, c *Classifier, texts []string) {
	for _, t := range texts { // warm the word cache, as a running server has
		c.Analyze(t, "")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		c.Analyze(texts[i%len(texts)], "")
	}
}

// BenchmarkTokenize is the baseline: folding and splitting the same
// messages, the least any classifier must do.
func BenchmarkTokenize(b *testing.B) {
	msgs := benchMessages(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Tokenize(msgs[i%len(msgs)])
	}
}

// BenchmarkNaiveBayes is the baseline model on the same messages.
func BenchmarkNaiveBayes(b *testing.B) {
	msgs := benchMessages(b)
	var train []Sample
	for i, m := range msgs {
		train = append(train, Sample{Text: m, Label: fmt.Sprint(i % 3)})
	}
	nb := TrainNaiveBayes(train)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		nb.Predict(msgs[i%len(msgs)])
	}
}
