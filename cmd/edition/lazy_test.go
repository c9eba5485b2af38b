package main

import (
	"regexp"
	"testing"

	"github.com/redtide/edition/internal/lazy"
)

// TestLazyRegexps compiles every regular expression that the packages
// of the program make at first use (package lazy), as they were
// compiled at start-up before: a mistake in one that no test reaches
// would otherwise be found by a user.
func TestLazyRegexps(t *testing.T) {
	exprs := lazy.Exprs()
	if len(exprs) < 50 {
		t.Errorf("only %d expressions registered: are the packages linked in?", len(exprs))
	}
	for _, e := range exprs {
		if _, err := regexp.Compile(e); err != nil {
			t.Error(err)
		}
	}
}
