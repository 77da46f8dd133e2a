package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/intake311/intake311/cases"
)

// errorBody is the shape of every error response.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// classify maps an error to its HTTP status and code. It is the one place
// where errors become statuses.
func classify(err error) (int, string) {
	var tooBig *http.MaxBytesError
	switch {
	case errors.Is(err, errUnauthorized):
		return http.StatusUnauthorized, "unauthorized"
	case errors.Is(err, errForbidden):
		return http.StatusForbidden, "forbidden"
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge, "too_large"
	case errors.Is(err, cases.ErrInvalid):
		return http.StatusBadRequest, "invalid"
	case errors.Is(err, cases.ErrNotFound):
		return http.StatusNotFound, "not_found"
	case errors.Is(err, cases.ErrConflict), errors.Is(err, cases.ErrDuplicate):
		return http.StatusConflict, "conflict"
	case errors.Is(err, cases.ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "unavailable"
	}
	return http.StatusInternalServerError, "internal"
}

// message is what the client reads: the domain message, or for our own
// errors the text after the kind.
func message(err error, status int) string {
	var tooBig *http.MaxBytesError
	var e *cases.Error
	switch {
	case errors.As(err, &tooBig):
		return "the request body is larger than " + itoa(tooBig.Limit) + " bytes"
	case errors.As(err, &e):
		return e.Message
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		_, msg, _ := strings.Cut(err.Error(), ": ")
		return msg
	case status == http.StatusServiceUnavailable:
		return "the case store is unavailable; nothing was written, try again shortly"
	}
	return "internal error"
}

// writeError writes err as a JSON error and returns the status.
func writeError(w http.ResponseWriter, err error) int {
	status, code := classify(err)
	var body errorBody
	body.Error.Code, body.Error.Message = code, message(err, status)
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="intake311"`)
	}
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "5")
	}
	writeJSON(w, status, body)
	return status
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
