package cases

import (
	"fmt"
	"slices"
	"strings"
	"text/template"
)

// Template keys. A status change renders "status.<status>", falling back
// to "status".
const (
	TemplateAck          = "ack"
	TemplateAckEmergency = "ack.emergency"
	TemplateStatus       = "status"
	TemplateNote         = "note"
)

// TemplateData is what a resident-facing template can use.
type TemplateData struct {
	Tracking       TrackingNumber
	TrackingSpoken string
	Status         Status
	CloseReason    CloseReason
	Service        string // the service's name in the resident's language
	ServiceCode    string
	Department     string
	Address        string
	Note           string
}

// Templates renders the texts residents receive, in their language.
type Templates struct {
	fallback string
	texts    map[string]map[string]*template.Template
	// ServiceName names a service in a language; nil uses the code.
	ServiceName func(code, language string) string
}

// NewTemplates parses texts, keyed by language and then by template key.
// fallback is the language used when a language or key is missing; it must
// have at least the "ack" and "status" templates.
func NewTemplates(texts map[string]map[string]string, fallback string) (*Templates, error) {
	t := &Templates{fallback: fallback, texts: map[string]map[string]*template.Template{}}
	for lang, byKey := range texts {
		t.texts[lang] = map[string]*template.Template{}
		for key, text := range byKey {
			tmpl, err := template.New(lang + "." + key).Option("missingkey=error").Parse(text)
			if err != nil {
				return nil, Errorf(ErrInvalid, "template %s.%s: %v", lang, key, err)
			}
			t.texts[lang][key] = tmpl
		}
	}
	for _, key := range []string{TemplateAck, TemplateStatus} {
		if t.lookup(fallback, key) == nil {
			return nil, Errorf(ErrInvalid, "templates: language %q has no %q template", fallback, key)
		}
	}
	return t, nil
}

// Languages lists the languages that have templates.
func (t *Templates) Languages() []string {
	var langs []string
	for l := range t.texts {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	return langs
}

// Language returns lang if there are templates in it, else the fallback.
func (t *Templates) Language(lang string) string {
	if _, ok := t.texts[lang]; ok {
		return lang
	}
	return t.fallback
}

func (t *Templates) lookup(lang, key string) *template.Template {
	for _, k := range []string{key, strings.Split(key, ".")[0]} {
		if tmpl := t.texts[lang][k]; tmpl != nil {
			return tmpl
		}
	}
	return nil
}

// Render renders key in lang, falling back to the base key ("status" for
// "status.closed") and then to the fallback language.
func (t *Templates) Render(lang, key string, d TemplateData) (string, error) {
	tmpl := t.lookup(lang, key)
	if tmpl == nil {
		lang = t.fallback
		tmpl = t.lookup(lang, key)
	}
	if tmpl == nil {
		return "", fmt.Errorf("render %s: no template", key)
	}
	if t.ServiceName != nil && d.ServiceCode != "" {
		d.Service = t.ServiceName(d.ServiceCode, lang)
	}
	if d.Service == "" {
		d.Service = d.ServiceCode
	}
	d.TrackingSpoken = d.Tracking.Spoken()
	var b strings.Builder
	if err := tmpl.Execute(&b, d); err != nil {
		return "", fmt.Errorf("render %s.%s: %w", lang, key, err)
	}
	return strings.TrimSpace(b.String()), nil
}

// dataFor returns the template data of a case.
func dataFor(c *Case) TemplateData {
	return TemplateData{
		Tracking:    c.Tracking,
		Status:      c.Status,
		CloseReason: c.CloseReason,
		ServiceCode: c.ServiceCode,
		Department:  c.Department,
		Address:     c.Address,
	}
}

// notify renders one notification of kind to every contact of c that
// agreed to updates.
func (t *Templates) notify(c *Case, kind, key string, d TemplateData) ([]Notification, error) {
	var out []Notification
	for _, ct := range c.Contacts {
		if !ct.Consent {
			continue
		}
		text, err := t.Render(ct.Language, key, d)
		if err != nil {
			return nil, err
		}
		out = append(out, Notification{
			Tracking: c.Tracking, Channel: ct.Channel, To: ct.Address, ThreadRef: ct.ThreadRef,
			Language: t.Language(ct.Language), Kind: kind, Text: text, Status: c.Status,
			ContactID: ct.ID, State: NotificationPending,
		})
	}
	return out, nil
}
