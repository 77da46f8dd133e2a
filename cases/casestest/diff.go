package casestest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

var (
	timeType = reflect.TypeFor[time.Time]()
	rawType  = reflect.TypeFor[json.RawMessage]()
)

// differ compares what a store returned with what was written, by the
// store's contract rather than by Go equality:
//   - times are instants kept to the microsecond (truncated) and must come
//     back in UTC;
//   - raw JSON is compared by value, so a store may keep it as jsonb;
//   - a nil slice equals an empty one;
//   - fields named in ignore are skipped at any depth. IDs are always
//     skipped: the store assigns them and dedicated tests check them.
type differ struct {
	ignore map[string]bool
	out    []string
}

// diff lists the differences between got and want, one line each.
func diff(got, want any, ignore ...string) []string {
	d := &differ{ignore: map[string]bool{"ID": true}}
	for _, f := range ignore {
		d.ignore[f] = true
	}
	d.walk("", reflect.ValueOf(got), reflect.ValueOf(want))
	return d.out
}

// same fails t with every difference between got and want.
func same(t *testing.T, what string, got, want any, ignore ...string) {
	t.Helper()
	for _, line := range diff(got, want, ignore...) {
		t.Errorf("%s %s", what, strings.TrimPrefix(line, "."))
	}
}

func (d *differ) add(path, format string, args ...any) {
	d.out = append(d.out, path+": "+fmt.Sprintf(format, args...))
}

func (d *differ) walk(path string, g, w reflect.Value) {
	switch {
	case g.Type() == timeType:
		d.time(path, g.Interface().(time.Time), w.Interface().(time.Time))
		return
	case g.Type() == rawType:
		d.json(path, g.Bytes(), w.Bytes())
		return
	}
	switch g.Kind() {
	case reflect.Pointer:
		d.pointer(path, g, w)
	case reflect.Struct:
		d.fields(path, g, w)
	case reflect.Slice:
		d.slice(path, g, w)
	default:
		if !reflect.DeepEqual(g.Interface(), w.Interface()) {
			d.add(path, "got %#v, want %#v", g.Interface(), w.Interface())
		}
	}
}

func (d *differ) time(path string, got, want time.Time) {
	want = want.Truncate(time.Microsecond)
	if !got.Equal(want) {
		d.add(path, "got %s, want %s", got.Format(time.RFC3339Nano), want.UTC().Format(time.RFC3339Nano))
	}
	if got.Location() != time.UTC {
		d.add(path, "time %s is in %s, want UTC", got.Format(time.RFC3339Nano), got.Location())
	}
}

func (d *differ) json(path string, got, want []byte) {
	g, gerr := decodeJSON(got)
	w, werr := decodeJSON(want)
	if err := errors.Join(gerr, werr); err != nil {
		d.add(path, "%v", err)
		return
	}
	if !reflect.DeepEqual(g, w) {
		d.add(path, "got JSON %s, want %s", got, want)
	}
}

// decodeJSON decodes raw JSON; empty and null are both nil.
func decodeJSON(b []byte) (any, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, nil
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("bad JSON %q: %w", b, err)
	}
	return v, nil
}

func (d *differ) pointer(path string, g, w reflect.Value) {
	switch {
	case g.IsNil() && w.IsNil():
	case g.IsNil():
		d.add(path, "got nil, want %+v", w.Elem().Interface())
	case w.IsNil():
		d.add(path, "got %+v, want nil", g.Elem().Interface())
	default:
		d.walk(path, g.Elem(), w.Elem())
	}
}

func (d *differ) fields(path string, g, w reflect.Value) {
	for i := range g.NumField() {
		f := g.Type().Field(i)
		if !f.IsExported() || d.ignore[f.Name] {
			continue
		}
		d.walk(path+"."+f.Name, g.Field(i), w.Field(i))
	}
}

func (d *differ) slice(path string, g, w reflect.Value) {
	if g.Len() != w.Len() {
		d.add(path, "got %d items, want %d\n\tgot:  %+v\n\twant: %+v", g.Len(), w.Len(), g.Interface(), w.Interface())
		return
	}
	for i := range g.Len() {
		d.walk(fmt.Sprintf("%s[%d]", path, i), g.Index(i), w.Index(i))
	}
}
