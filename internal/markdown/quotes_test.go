package markdown

import (
	"testing"

	"github.com/redtide/edition/internal/model"
)

func TestFixOpeningQuotes(t *testing.T) {
	tests := map[string]string{
		"to win ’their’ war":       "to win ‘their’ war",
		"’Tis the season":          "’Tis the season",
		"the ’90s were loud":       "the ’90s were loud",
		"don’t and won’t":          "don’t and won’t",
		"(’quoted’) and ’another’": "(‘quoted’) and ‘another’",
	}
	for in, want := range tests {
		ins := []model.Inline{&model.Text{Text: in}}
		fixOpeningQuotes(ins)
		if got := ins[0].(*model.Text).Text; got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}
