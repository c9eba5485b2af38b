package bibtex

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/redtide/edition/internal/bib"
)

// flatten describes an item as key → value for table tests: "type",
// CSL variables by name, names as "author.0" = "given|dropping|non-dropping|family|suffix"
// or "{literal}", dates as "y-m-d/y-m-d" (~ circa, S season, "lit:" literal),
// "etal.author" = "true", and "line".
func flatten(it *bib.Item) map[string]string {
	m := map[string]string{"type": it.Type, "line": strconv.Itoa(it.Pos.Line)}
	for k, v := range it.Vars {
		m[k] = v
	}
	for k, ns := range it.Names {
		for i, n := range ns {
			s := strings.Join([]string{n.Given, n.DroppingParticle, n.NonDroppingParticle, n.Family, n.Suffix}, "|")
			if n.Literal != "" {
				s = "{" + n.Literal + "}"
			}
			m[fmt.Sprintf("%s.%d", k, i)] = s
		}
	}
	for k, d := range it.Dates {
		m[k] = dateString(d)
	}
	for k := range it.EtAl {
		m["etal."+k] = "true"
	}
	return m
}

func dateString(d bib.Date) string {
	if d.Literal != "" {
		return "lit:" + d.Literal
	}
	var parts []string
	for _, p := range d.Parts {
		var xs []string
		for _, n := range p {
			xs = append(xs, strconv.Itoa(n))
		}
		parts = append(parts, strings.Join(xs, "-"))
	}
	s := strings.Join(parts, "/")
	if d.Season != 0 {
		s += fmt.Sprintf("S%d", d.Season)
	}
	if d.Circa {
		s += "~"
	}
	return s
}

type bibCase struct {
	name  string
	src   string
	key   string            // item to check; the only (or last) item when ""
	want  map[string]string // subset of flatten's keys; "" means unset
	n     int               // number of items, when not 0
	probs []string          // substrings, one per expected problem
	err   string            // substring of the error; "" means no error
}

func TestParseTable(t *testing.T) {
	for _, tc := range bibCases {
		t.Run(tc.name, func(t *testing.T) {
			items, probs, err := Parse("refs.bib", []byte(tc.src))
			checkErr(t, err, tc.err)
			checkProblems(t, probs, tc.probs)
			if tc.n != 0 && len(items) != tc.n {
				t.Fatalf("%d items, want %d", len(items), tc.n)
			}
			if tc.want == nil {
				return
			}
			it := pick(t, items, tc.key)
			got := flatten(it)
			for k, want := range tc.want {
				if got[k] != want {
					t.Errorf("%s = %q, want %q", k, got[k], want)
				}
			}
			if t.Failed() {
				t.Logf("item: %v", sorted(got))
			}
		})
	}
}

func pick(t *testing.T, items []*bib.Item, key string) *bib.Item {
	t.Helper()
	if len(items) == 0 {
		t.Fatal("no items")
	}
	if key == "" {
		return items[len(items)-1]
	}
	for _, it := range items {
		if it.ID == key {
			return it
		}
	}
	t.Fatalf("no item %q", key)
	return nil
}

func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("unexpected error: %v", err)
	case want != "" && err == nil:
		t.Errorf("no error, want one containing %q", want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Errorf("error %q, want it to contain %q", err, want)
	}
}

func checkProblems(t *testing.T, probs []Problem, want []string) {
	t.Helper()
	if len(probs) != len(want) {
		t.Errorf("%d problems, want %d: %v", len(probs), len(want), probs)
		return
	}
	for i, w := range want {
		if !strings.Contains(probs[i].String(), w) {
			t.Errorf("problem %d = %q, want it to contain %q", i, probs[i], w)
		}
	}
}

func sorted(m map[string]string) []string {
	var out []string
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}
