package nlp

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// Sample is one labelled text.
type Sample struct {
	Text    string
	Label   string // the service code
	Address string // optional: the place the text is about
}

// ReadSamples reads a CSV with a header naming at least the columns
// "text" and "service_code" (and optionally "address").
func ReadSamples(r io.Reader) ([]Sample, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(strings.ToLower(h))] = i
	}
	ti, ok1 := col["text"]
	li, ok2 := col["service_code"]
	if !ok1 || !ok2 {
		return nil, errors.New("the CSV needs the columns text and service_code")
	}
	ai, hasAddr := col["address"]
	var out []Sample
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read samples: %w", err)
		}
		if ti >= len(rec) || li >= len(rec) {
			continue
		}
		s := Sample{Text: rec[ti], Label: strings.TrimSpace(rec[li])}
		if hasAddr && ai < len(rec) {
			s.Address = rec[ai]
		}
		out = append(out, s)
	}
}

// Scores are the quality figures of a classifier on labelled samples.
type Scores struct {
	N          int                       `json:"n"`
	Accuracy   float64                   `json:"accuracy"`
	MacroF1    float64                   `json:"macro_f1"`
	TriageRate float64                   `json:"triage_rate"`
	PerService map[string]ServiceScore   `json:"per_service"`
	Confusion  map[string]map[string]int `json:"confusion"` // gold -> predicted -> count
}

// ServiceScore is the precision and recall of one service.
type ServiceScore struct {
	Support   int     `json:"support"` // samples labelled with it
	Predicted int     `json:"predicted"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Compare compares predictions with the gold labels. Macro-F1 averages over
// the services that occur in gold; a prediction of triage counts as wrong
// (unless the gold label is triage) and is counted in the triage rate.
func Compare(gold, predicted []string, triage string) Scores {
	s := Scores{N: len(gold), PerService: map[string]ServiceScore{}, Confusion: map[string]map[string]int{}}
	correct, triaged := 0, 0
	for i, g := range gold {
		p := predicted[i]
		if s.Confusion[g] == nil {
			s.Confusion[g] = map[string]int{}
		}
		s.Confusion[g][p]++
		if p == g {
			correct++
		}
		if p == triage && triage != "" {
			triaged++
		}
	}
	if s.N > 0 {
		s.Accuracy = round4(float64(correct) / float64(s.N))
		s.TriageRate = round4(float64(triaged) / float64(s.N))
	}
	s.perService(gold, predicted)
	return s
}

func (s *Scores) perService(gold, predicted []string) {
	for _, g := range gold {
		ss := s.PerService[g]
		ss.Support++
		s.PerService[g] = ss
	}
	for _, p := range predicted {
		if ss, ok := s.PerService[p]; ok {
			ss.Predicted++
			s.PerService[p] = ss
		}
	}
	var sum float64
	for _, code := range slices.Sorted(maps.Keys(s.PerService)) {
		ss := s.PerService[code]
		tp := s.Confusion[code][code]
		ss.Precision = ratio(tp, ss.Predicted)
		ss.Recall = ratio(tp, ss.Support)
		if ss.Precision+ss.Recall > 0 {
			ss.F1 = round4(2 * ss.Precision * ss.Recall / (ss.Precision + ss.Recall))
		}
		s.PerService[code] = ss
		sum += ss.F1
	}
	if len(s.PerService) > 0 {
		s.MacroF1 = round4(sum / float64(len(s.PerService)))
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return round4(float64(a) / float64(b))
}

func round4(f float64) float64 { return float64(int64(f*10000+0.5)) / 10000 }

// Worst returns the services with the lowest F1 first.
func (s *Scores) Worst() []string {
	codes := slices.Collect(maps.Keys(s.PerService))
	slices.SortFunc(codes, func(a, b string) int {
		return cmp.Or(cmp.Compare(s.PerService[a].F1, s.PerService[b].F1), cmp.Compare(a, b))
	})
	return codes
}
