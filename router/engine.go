package router

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/nlp"
)

// Options configure an Engine. The zero value serves in UTC with no
// geocoding and logs to slog.Default().
type Options struct {
	// Location is the city's time zone for time windows, business hours
	// and SLAs. Nil uses the document's time_zone, or UTC.
	Location *time.Location
	// Geocoder, if set, gives coordinates to locations found in texts.
	Geocoder nlp.Geocoder
	// Classifier tunes the keyword classifier.
	Classifier nlp.Options
	// Logger receives the Watch and Swap reports; nil is slog.Default().
	Logger *slog.Logger
	// Now is the clock for cases without a creation time; nil is time.Now.
	Now func() time.Time
}

// Engine classifies and routes with the newest routing document it was
// given. It is safe for concurrent use; Swap replaces the document without
// blocking readers.
type Engine struct {
	opts Options
	cur  atomic.Pointer[compiled]
}

var (
	_ cases.Classifier = (*Engine)(nil)
	_ cases.Router     = (*Engine)(nil)
)

// compiled is one document ready to serve.
type compiled struct {
	doc      *Document
	version  int64
	cls      *nlp.Classifier
	zone     *time.Location
	services map[string]*Service
	depts    map[string]*Department
	holidays map[string]bool
}

// New compiles doc, published as version (0 for a draft), into an Engine.
func New(doc *Document, version int64, opts Options) (*Engine, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	e := &Engine{opts: opts}
	c, err := e.compile(doc, version)
	if err != nil {
		return nil, err
	}
	e.cur.Store(c)
	return e, nil
}

func (e *Engine) compile(doc *Document, version int64) (*compiled, error) {
	cls, err := nlp.New(doc.Lexicon(), e.opts.Classifier)
	if err != nil {
		return nil, fmt.Errorf("compile rules version %d: %w", version, err)
	}
	c := &compiled{doc: doc, version: version, cls: cls, zone: e.zone(doc),
		services: map[string]*Service{}, depts: map[string]*Department{}, holidays: map[string]bool{}}
	for i := range doc.Services {
		c.services[doc.Services[i].Code] = &doc.Services[i]
	}
	for i := range doc.Departments {
		c.depts[doc.Departments[i].Code] = &doc.Departments[i]
	}
	for _, h := range doc.BusinessHours.Holidays {
		c.holidays[h] = true
	}
	return c, nil
}

func (e *Engine) zone(doc *Document) *time.Location {
	switch {
	case e.opts.Location != nil:
		return e.opts.Location
	case doc.zone != nil:
		return doc.zone
	}
	return time.UTC
}

// Swap serves doc as version from now on. A document that does not
// compile is logged and the current one keeps serving.
func (e *Engine) Swap(doc *Document, version int64) {
	c, err := e.compile(doc, version)
	if err != nil {
		e.opts.Logger.Error("rules swap refused", "version", version, "err", err)
		return
	}
	e.cur.Store(c)
	e.opts.Logger.Info("rules swapped in", "version", version, "city", doc.City)
}

// Version returns the version being served.
func (e *Engine) Version() int64 { return e.cur.Load().version }

// Document returns the document being served.
func (e *Engine) Document() *Document { return e.cur.Load().doc }

// Lexicon returns what the keyword classifier is compiled from.
func (d *Document) Lexicon() nlp.Lexicon {
	lex := nlp.Lexicon{Emergency: d.Emergency, NotEmergency: d.NotEmergency, Landmarks: d.Landmarks,
		Languages: d.Languages, Threshold: d.Threshold, Triage: d.Triage}
	for _, s := range d.Services {
		lex.Services = append(lex.Services, nlp.ServiceTerms{Code: s.Code, Keywords: s.Keywords, Context: s.Context, Negative: s.Negative})
	}
	return lex
}

// Classify implements cases.Classifier: the keyword classifier of the
// current document, then the geocoder for a location found in the text.
func (e *Engine) Classify(ctx context.Context, text, language string) (cases.Classification, error) {
	r := e.cur.Load().cls.Analyze(text, language)
	if loc := r.Location; loc != nil && loc.Lat == nil && e.opts.Geocoder != nil {
		e.geocode(ctx, loc)
	}
	return r.Classification(), nil
}

// Analyze returns the classifier's full result for text.
func (e *Engine) Analyze(text, language string) *nlp.Result {
	return e.cur.Load().cls.Analyze(text, language)
}

// Brief returns the classifier's result for text without the matches that
// explain it: the fast path for evaluations.
func (e *Engine) Brief(text, language string) nlp.Result {
	return e.cur.Load().cls.Brief(text, language)
}

func (e *Engine) geocode(ctx context.Context, loc *cases.Location) {
	p, err := e.opts.Geocoder.Geocode(ctx, *loc)
	if err != nil {
		e.opts.Logger.Debug("geocode", "location", loc.Normalized, "err", err)
		return
	}
	loc.Lat, loc.Lon = &p.Lat, &p.Lon
}

// Must returns e, or panics on err; for documents known to be valid.
func Must(e *Engine, err error) *Engine {
	if err != nil {
		panic(err)
	}
	return e
}
