package config_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/config"
)

// TestTemplateFields keeps the fields templates are checked against in
// step with the data they are rendered with.
func TestTemplateFields(t *testing.T) {
	var fields []string
	for f := range reflect.TypeFor[cases.TemplateData]().Fields() {
		fields = append(fields, f.Name)
	}
	if !slices.Equal(fields, config.TemplateFields) {
		t.Errorf("TemplateFields = %q, cases.TemplateData has %q", config.TemplateFields, fields)
	}
	keys := []string{cases.TemplateAck, cases.TemplateAckEmergency, cases.TemplateStatus}
	for _, s := range cases.Statuses {
		keys = append(keys, cases.TemplateStatus+"."+string(s))
	}
	keys = append(keys, cases.TemplateNote)
	if !slices.Equal(keys, config.TemplateKeys) {
		t.Errorf("TemplateKeys = %q, want %q", config.TemplateKeys, keys)
	}
}

// TestDemoTexts renders the demo texts as residents receive them.
func TestDemoTexts(t *testing.T) {
	tmpl, err := cases.NewTemplates(config.Demo().Templates, "en")
	if err != nil {
		t.Fatal(err)
	}
	data := cases.TemplateData{Tracking: "3141592657", ServiceCode: "pothole", Department: "Public Works"}
	tests := []struct {
		lang, key string
		change    func(d *cases.TemplateData)
		want      string
	}{
		{"en", "ack", nil, "Riverton 311: Thank you, we got your report about pothole. Your number is 314-159-2657. " +
			"A city team will look at it, and we will send you updates here."},
		{"es", "ack", nil, "311 de Riverton: Gracias, recibimos su reporte sobre pothole. Su número es 314-159-2657. " +
			"Un equipo de la ciudad lo va a revisar y le avisaremos por aquí cómo avanza."},
		{"en", "ack.emergency", nil, "Riverton 311: If anyone is in danger, hang up and call 911 now. " +
			"We have also sent your report to the city as urgent. Your number is 314-159-2657."},
		{"es", "ack.emergency", nil, "311 de Riverton: Si alguien corre peligro, cuelgue y llame al 911 ahora mismo. " +
			"También enviamos su reporte a la ciudad como urgente. Su número es 314-159-2657."},
		{"en", "status.assigned", func(d *cases.TemplateData) { d.Note = "A crew is booked for Tuesday." },
			"Riverton 311: Your report 314-159-2657 is now with Public Works. A crew is booked for Tuesday."},
		{"es", "status.assigned", func(d *cases.TemplateData) { d.Department = "" },
			"311 de Riverton: Su reporte 314-159-2657 ya está en manos de un equipo de la ciudad."},
		{"en", "status.closed", func(d *cases.TemplateData) { d.CloseReason = cases.ReasonDuplicate },
			"Riverton 311: We closed your report 314-159-2657 because someone reported the same problem and we are working on it there. " +
				"If the problem is still there, please contact us again."},
		{"es", "status.closed", func(d *cases.TemplateData) { d.CloseReason = cases.ReasonWithdrawn },
			"311 de Riverton: Cerramos su reporte 314-159-2657, como nos pidió. Si el problema sigue, vuelva a comunicarse con nosotros."},
		{"en", "note", func(d *cases.TemplateData) { d.Note = "The crew needs the gate code." },
			"Riverton 311, about your report 314-159-2657: The crew needs the gate code."},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.key, func(t *testing.T) {
			d := data
			if tt.change != nil {
				tt.change(&d)
			}
			got, err := tmpl.Render(tt.lang, tt.key, d)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestDemoTextsRender renders every demo text with every status and close
// reason, and with and without a note.
func TestDemoTextsRender(t *testing.T) {
	demo := config.Demo()
	tmpl, err := cases.NewTemplates(demo.Templates, demo.City.DefaultLanguage)
	if err != nil {
		t.Fatal(err)
	}
	reasons := append([]cases.CloseReason{""}, cases.CloseReasons...)
	for _, lang := range demo.City.Languages {
		for _, key := range config.TemplateKeys {
			t.Run(lang+"/"+key, func(t *testing.T) {
				for _, reason := range reasons {
					for _, note := range []string{"", "Thank you for your patience."} {
						d := cases.TemplateData{Tracking: "3141592657", Status: cases.StatusClosed, CloseReason: reason, Note: note}
						got, err := tmpl.Render(lang, key, d)
						if err != nil {
							t.Fatal(err)
						}
						if !strings.Contains(got, "314-159-2657") || strings.Contains(got, "<no value>") || strings.Contains(got, "  ") {
							t.Errorf("reason %q note %q: %q", reason, note, got)
						}
					}
				}
			})
		}
	}
}
