package casestest

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/intake311/intake311/cases"
)

var rulesTests = []test{
	{"Empty", testRulesEmpty},
	{"Versions", testRulesVersions},
	{"ConcurrentPublish", testRulesConcurrent},
}

// rulesDoc returns a routing document; documents are YAML that managers
// edit, comments included, and must come back byte for byte.
func rulesDoc(n int) []byte {
	return fmt.Appendf(nil, "# version %d\nservices:\n  - code: pothole\n    department: streets  # crews\n    sla: %dh\n", n, 24*n)
}

func testRulesEmpty(t *testing.T, st cases.Store) {
	if v, err := st.Rules(t.Context(), 0); !isKind(err, cases.ErrNotFound) {
		t.Errorf("Rules(0) with no versions = %+v, %v; want ErrNotFound", v, err)
	}
	h, err := st.RulesHistory(t.Context())
	if err != nil || len(h) != 0 {
		t.Errorf("RulesHistory with no versions = %+v, %v; want none", h, err)
	}
}

func testRulesVersions(t *testing.T, st cases.Store) {
	authors := []string{"ana", "bo", "cy"}
	for i, author := range authors {
		v, err := st.PublishRules(t.Context(), rulesDoc(i+1), author, "change "+fmt.Sprint(i+1))
		if err != nil {
			t.Fatalf("PublishRules: %v", err)
		}
		if v != int64(i+1) {
			t.Errorf("PublishRules #%d = version %d, want %d", i+1, v, i+1)
		}
	}
	versions := []struct {
		ask, want int64
	}{{0, 3}, {1, 1}, {2, 2}, {3, 3}}
	for _, v := range versions {
		t.Run(fmt.Sprintf("Rules(%d)", v.ask), func(t *testing.T) {
			got, err := st.Rules(t.Context(), v.ask)
			if err != nil {
				t.Fatalf("Rules: %v", err)
			}
			want := cases.RulesVersion{Version: v.want, Author: authors[v.want-1], Comment: "change " + fmt.Sprint(v.want), Document: rulesDoc(int(v.want)), At: got.At}
			same(t, "Rules", got, &want)
			if got.At.IsZero() {
				t.Error("At is zero")
			}
		})
	}
	if v, err := st.Rules(t.Context(), 4); !isKind(err, cases.ErrNotFound) {
		t.Errorf("Rules(4) = %+v, %v; want ErrNotFound", v, err)
	}
	checkHistory(t, st, 3, true)
}

// checkHistory checks that the history lists versions n down to 1, with
// their authors and times and without documents. When the versions were
// published one after another, their times must follow the same order.
func checkHistory(t *testing.T, st cases.Store, n int64, sequential bool) {
	t.Helper()
	h, err := st.RulesHistory(t.Context())
	if err != nil {
		t.Fatalf("RulesHistory: %v", err)
	}
	var got, want []int64
	for i, v := range h {
		got, want = append(got, v.Version), append(want, n-int64(i))
		if len(v.Document) != 0 || v.Author == "" || v.At.IsZero() {
			t.Errorf("history entry %+v: want author and time, no document", v)
		}
		if sequential && i > 0 && v.At.After(h[i-1].At) {
			t.Errorf("version %d published after version %d", v.Version, h[i-1].Version)
		}
	}
	if len(h) != int(n) || !slices.Equal(got, want) {
		t.Errorf("RulesHistory versions %v, want %d down to 1", got, n)
	}
}

// testRulesConcurrent has managers publishing at once: each gets its own
// version number and none is lost.
func testRulesConcurrent(t *testing.T, st cases.Store) {
	const n = 6
	got := make([]int64, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { got[i], errs[i] = st.PublishRules(t.Context(), rulesDoc(i), "manager", "") })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("PublishRules: %v", err)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, []int64{1, 2, 3, 4, 5, 6}) {
		t.Errorf("versions %v, want 1 to %d", got, n)
	}
	checkHistory(t, st, n, false)
}
