package lazy

import (
	"regexp"
	"sync"
	"testing"
)

// TestRegexpOnce checks that a lazy expression is compiled once, the
// same *regexp.Regexp being returned to every goroutine that asks at
// once (run with -race), and that it matches as the expression does.
func TestRegexpOnce(t *testing.T) {
	re := Regexp(`^a+b$`)
	const n = 16
	got := make([]*regexp.Regexp, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { got[i] = re() })
	}
	wg.Wait()
	for i, r := range got {
		if r != got[0] {
			t.Fatalf("goroutine %d got another *regexp.Regexp", i)
		}
	}
	if !got[0].MatchString("aab") || got[0].MatchString("ba") {
		t.Errorf("%q matches wrongly", got[0])
	}
}

// TestRegexpPanics checks that a bad expression panics at its first
// use, as regexp.MustCompile does, and is listed by Exprs.
func TestRegexpPanics(t *testing.T) {
	re := Regexp(`(`)
	found := false
	for _, e := range Exprs() {
		found = found || e == `(`
	}
	if !found {
		t.Errorf("Exprs() does not list %q", `(`)
	}
	defer func() {
		if recover() == nil {
			t.Error("no panic for a bad expression")
		}
	}()
	re()
}
