package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/intake311/intake311/cases"
)

// decode reads one JSON object from the body into v, refusing unknown
// fields and trailing data, with messages that say where the problem is.
// The Content-Type is not checked: `curl -d` labels JSON as a form.
func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return cases.Errorf(cases.ErrInvalid, "the body has data after the JSON object")
	}
	return nil
}

func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return err
	case errors.Is(err, io.EOF):
		return cases.Errorf(cases.ErrInvalid, "the body is empty; send a JSON object")
	case errors.As(err, &syntax):
		return cases.Errorf(cases.ErrInvalid, "the body is not valid JSON (at byte %d): %v", syntax.Offset, err)
	case errors.As(err, &typ):
		return cases.Errorf(cases.ErrInvalid, "field %q must be %s, not %s", typ.Field, typ.Type, typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return cases.Errorf(cases.ErrInvalid, "%s", strings.TrimPrefix(err.Error(), "json: "))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return cases.Errorf(cases.ErrInvalid, "the body ends in the middle of the JSON")
	}
	return cases.Errorf(cases.ErrInvalid, "the body could not be read: %v", err)
}

// tracking parses the {tracking} path value.
func tracking(r *http.Request) (cases.TrackingNumber, error) {
	return cases.ParseTrackingNumber(r.PathValue("tracking"))
}

// list splits repeated and comma-separated query values.
func list(q []string) []string {
	var out []string
	for _, v := range q {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func intParam(r *http.Request, name string) (int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, cases.Errorf(cases.ErrInvalid, "query parameter %s=%q is not a non-negative whole number", name, v)
	}
	return n, nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func errorf(format string, args ...any) error { return cases.Errorf(cases.ErrInvalid, format, args...) }
