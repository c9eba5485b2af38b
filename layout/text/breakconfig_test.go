package text

import (
	"errors"
	"strings"
	"testing"
)

func TestBreakConfigValidate(t *testing.T) {
	for _, c := range []struct {
		edit func(*BreakConfig)
		want string // "" for valid
	}{
		{func(*BreakConfig) {}, ""},
		{func(b *BreakConfig) { b.PreTolerance = -1 }, ""},
		{func(b *BreakConfig) { b.HyphenPenalty = -1 }, "hyphen penalty -1"},
		{func(b *BreakConfig) { b.UppercaseHyphenPenalty = 10001 }, "uppercase hyphen penalty 10001"},
		{func(b *BreakConfig) { b.RuntDemerits = -5 }, "runt demerits -5"},
		{func(b *BreakConfig) { b.RightHyphenMin = 11 }, "hyphen minimums 2 and 11"},
	} {
		b := DefaultBreakConfig()
		c.edit(&b)
		err := errors.Join(b.Validate()...)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%+v: %v", b, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%+v: error %v, want %q", b, err, c.want)
		}
	}
}
