package router

import (
	"context"
	"time"

	"github.com/intake311/intake311/nlp"
)

// Evaluation is what `intake311 eval` reports: the engine's scores on
// labelled samples, with a naive-Bayes baseline trained by k-fold cross
// validation on the same samples in the same run.
type Evaluation struct {
	nlp.Scores
	Baseline  Baseline `json:"baseline"`
	PerSecond float64  `json:"per_second"` // classifications per second, one goroutine
}

// Baseline is the reference model's scores.
type Baseline struct {
	Name      string  `json:"name"`
	Accuracy  float64 `json:"accuracy"`
	MacroF1   float64 `json:"macro_f1"`
	PerSecond float64 `json:"per_second"`
}

// BaselineFolds is the k of the baseline's cross validation.
const BaselineFolds = 5

// Evaluate classifies every sample with the engine's current document and
// scores it against the labels. Triage counts as a wrong answer.
func (e *Engine) Evaluate(ctx context.Context, samples []nlp.Sample) (*Evaluation, error) {
	gold := make([]string, len(samples))
	pred := make([]string, len(samples))
	start := time.Now()
	for i, s := range samples {
		if i%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		gold[i] = s.Label
		pred[i] = e.Brief(s.Text, "").Service
	}
	took := time.Since(start)
	ev := &Evaluation{Scores: nlp.Compare(gold, pred, e.Document().Triage), PerSecond: perSecond(len(samples), took)}
	start = time.Now()
	base := nlp.Compare(gold, nlp.CrossValidate(samples, BaselineFolds), "")
	ev.Baseline = Baseline{Name: "multinomial naive Bayes, 5-fold", Accuracy: base.Accuracy, MacroF1: base.MacroF1,
		PerSecond: perSecond(len(samples), time.Since(start))}
	return ev, nil
}

func perSecond(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(int64(float64(n) / d.Seconds()))
}

// Suggest mines labelled samples for keywords to add, to veto with and to
// review in the document being served; nothing is changed.
func (e *Engine) Suggest(samples []nlp.Sample, opts nlp.SuggestOptions) []nlp.Suggestion {
	return e.cur.Load().cls.Suggest(samples, opts)
}
