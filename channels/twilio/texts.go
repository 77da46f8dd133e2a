package twilio

import (
	"fmt"
	"strings"

	"github.com/intake311/intake311/cases"
)

// The replies residents get, by language. They are short and plain: many
// residents read them on small phones, and many are older.
var texts = map[string]map[string]string{
	"en": {
		"ask.location":       "Thank you. What is the address or nearest intersection? For example: 1200 Main St, or Main St and 5th St.",
		"ask.location.again": "Sorry, we could not find that place. Please send a street address or two streets that cross.",
		"ask.service":        "Thank you. Which fits best? Reply with a number:",
		"ask.service.other":  "0 Something else",
		"ask.describe":       "Hello, this is %s. Please tell us the problem and where it is, for example: pothole at 1200 Main St.",
		"emergency":          "If anyone is in danger, call 911 now. We sent your report to the city as urgent.",
		"added":              "Thank you. We added your message to report %s.",
		"help":               "%s: text us a problem and where it is. STATUS to check your reports. STOP to end texts. ESPAÑOL para español. In an emergency call 911.",
		"stop":               "You will get no more texts from %s. Text START to get them again.",
		"start":              "You will get texts from %s again. Text STOP to end them.",
		"language":           "OK, we will write to you in English.",
		"too.many":           "You have sent many messages. Please wait a few minutes, then text us again. In an emergency call 911.",
		"status.none":        "We have no open reports from this number. Text STATUS and a report number to check another one.",
		"status.line":        "Report %s (%s): %s.",
		"status.note":        "Latest: %s",
		"status.bad":         "That number does not look right. Please check it: it has 10 digits, like 123-456-7890.",
		"status.unknown":     "We could not find report %s.",
		"cancel.unknown":     "We could not find report %s from this number.",
		"cancel.done":        "Report %s is already %s.",
		"cancel.none":        "Cancelling is not available by text. Please call 311.",
		"cancelled":          "OK, we stopped. Nothing was sent to the city.",
		"stopped":            "You asked us to stop texting you. Text START to get texts from %s again.",
	},
	"es": {
		"ask.location":       "Gracias. ¿Cuál es la dirección o el cruce de calles más cercano? Por ejemplo: 1200 Main St, o Main St y 5th St.",
		"ask.location.again": "Perdón, no encontramos ese lugar. Envíe una dirección o dos calles que se cruzan.",
		"ask.service":        "Gracias. ¿Qué describe mejor el problema? Responda con un número:",
		"ask.service.other":  "0 Otra cosa",
		"ask.describe":       "Hola, le escribe %s. Díganos cuál es el problema y dónde está, por ejemplo: bache en 1200 Main St.",
		"emergency":          "Si alguien corre peligro, llame al 911 ahora. Enviamos su reporte a la ciudad como urgente.",
		"added":              "Gracias. Agregamos su mensaje al reporte %s.",
		"help":               "%s: escríbanos el problema y dónde está. STATUS para ver sus reportes. STOP para no recibir más mensajes. ENGLISH for English. En una emergencia llame al 911.",
		"stop":               "No recibirá más mensajes de %s. Escriba START para recibirlos otra vez.",
		"start":              "Volverá a recibir mensajes de %s. Escriba STOP para dejar de recibirlos.",
		"language":           "Muy bien, le escribiremos en español.",
		"too.many":           "Recibimos muchos mensajes suyos. Espere unos minutos y vuelva a escribirnos. En una emergencia llame al 911.",
		"status.none":        "No tenemos reportes abiertos de este número. Escriba STATUS y un número de reporte para consultar otro.",
		"status.line":        "Reporte %s (%s): %s.",
		"status.note":        "Lo último: %s",
		"status.bad":         "Ese número no parece correcto. Revíselo: tiene 10 dígitos, como 123-456-7890.",
		"status.unknown":     "No encontramos el reporte %s.",
		"cancel.unknown":     "No encontramos el reporte %s de este número.",
		"cancel.done":        "El reporte %s ya está %s.",
		"cancel.none":        "No se puede cancelar por mensaje. Llame al 311.",
		"cancelled":          "Muy bien, lo dejamos. No enviamos nada a la ciudad.",
		"stopped":            "Nos pidió no enviarle mensajes. Escriba START para volver a recibir mensajes de %s.",
	},
}

// statusNames say where a case is, in words a resident understands.
var statusNames = map[string]map[cases.Status]string{
	"en": {cases.StatusOpen: "received", cases.StatusAssigned: "with a city team", cases.StatusInProgress: "work has started",
		cases.StatusOnHold: "on hold", cases.StatusResolved: "taken care of", cases.StatusClosed: "closed"},
	"es": {cases.StatusOpen: "recibido", cases.StatusAssigned: "con un equipo de la ciudad", cases.StatusInProgress: "en proceso",
		cases.StatusOnHold: "en pausa", cases.StatusResolved: "atendido", cases.StatusClosed: "cerrado"},
}

// say renders the reply key in lang (English when lang has no texts).
func say(lang, key string, args ...any) string {
	t, ok := texts[lang][key]
	if !ok {
		t = texts["en"][key]
	}
	if len(args) == 0 {
		return t
	}
	return fmt.Sprintf(t, args...)
}

// statusName says status in lang.
func statusName(lang string, s cases.Status) string {
	if n, ok := statusNames[lang][s]; ok {
		return n
	}
	return strings.ReplaceAll(string(s), "_", " ")
}

// known returns lang if there are replies in it, else fallback.
func known(lang, fallback string) string {
	if _, ok := texts[lang]; ok {
		return lang
	}
	return fallback
}
