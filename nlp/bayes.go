package nlp

import (
	"math"
	"slices"
)

// NaiveBayes is a multinomial naive-Bayes text classifier over folded
// words with add-one smoothing: the baseline that keyword lists are
// measured against.
type NaiveBayes struct {
	classes []string
	prior   []float64            // log P(class)
	logp    map[string][]float64 // word -> log P(word | class)
	unseen  []float64            // log P(unseen word | class)
}

// TrainNaiveBayes learns from labelled samples.
func TrainNaiveBayes(samples []Sample) *NaiveBayes {
	idx := map[string]int{}
	var classes []string
	for _, s := range samples {
		if _, ok := idx[s.Label]; !ok {
			idx[s.Label] = len(classes)
			classes = append(classes, s.Label)
		}
	}
	counts := map[string][]float64{}
	docs := make([]float64, len(classes))
	totals := make([]float64, len(classes))
	for _, s := range samples {
		c := idx[s.Label]
		docs[c]++
		for _, w := range bagOfWords(s.Text) {
			if counts[w] == nil {
				counts[w] = make([]float64, len(classes))
			}
			counts[w][c]++
			totals[c]++
		}
	}
	return newNaiveBayes(classes, docs, totals, counts, float64(len(samples)))
}

func newNaiveBayes(classes []string, docs, totals []float64, counts map[string][]float64, n float64) *NaiveBayes {
	nb := &NaiveBayes{classes: classes, logp: make(map[string][]float64, len(counts))}
	v := float64(len(counts))
	for c := range classes {
		nb.prior = append(nb.prior, math.Log(docs[c]/n))
		nb.unseen = append(nb.unseen, math.Log(1/(totals[c]+v)))
	}
	for w, cs := range counts {
		lp := make([]float64, len(classes))
		for c := range classes {
			lp[c] = math.Log((cs[c] + 1) / (totals[c] + v))
		}
		nb.logp[w] = lp
	}
	return nb
}

// Predict returns the most likely class of text.
func (nb *NaiveBayes) Predict(text string) string {
	score := slices.Clone(nb.prior)
	for _, w := range bagOfWords(text) {
		lp, ok := nb.logp[w]
		if !ok {
			continue // a word never seen in training says nothing
		}
		for c := range score {
			score[c] += lp[c]
		}
	}
	best := 0
	for c := range score {
		if score[c] > score[best] {
			best = c
		}
	}
	return nb.classes[best]
}

func bagOfWords(text string) []string {
	var out []string
	for _, t := range Tokenize(text) {
		if t.Kind == Word && len(t.Text) > 1 {
			out = append(out, t.Text)
		}
	}
	return out
}

// CrossValidate trains on k-1 folds and predicts the held-out fold, k
// times, and returns the prediction for every sample. Sample i is in fold
// i mod k, so the split is the same on every run.
func CrossValidate(samples []Sample, k int) []string {
	pred := make([]string, len(samples))
	for fold := range k {
		var train []Sample
		for i, s := range samples {
			if i%k != fold {
				train = append(train, s)
			}
		}
		nb := TrainNaiveBayes(train)
		for i := fold; i < len(samples); i += k {
			pred[i] = nb.Predict(samples[i].Text)
		}
	}
	return pred
}
