package nlp

import "testing"

// BenchmarkLocate measures location extraction alone over the benchmark
// messages, tokenised beforehand and with the scanner's buffers reused,
// as Classifier.Analyze runs it.
func BenchmarkLocate(b *testing.B) {
	msgs := benchMessages(b)
	toks := make([][]Token, len(msgs))
	for i, m := range msgs {
		toks[i] = Tokenize(m)
	}
	var s scanner
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k := i % len(msgs)
		s.locate(msgs[k], toks[k], nil)
	}
}
