package edition

import (
	"bytes"
	"fmt"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/post"
)

// printStart reads front matter print_start: (page, column or run-on),
// where the article starts in print. A value it does not know is a
// warning at its line and leaves the choice to the layout.
func printStart(display string, src []byte, p *post.Post, log *diag.Log) model.Start {
	v, ok := p.Extra["print_start"]
	if !ok || v == nil {
		return model.StartDefault
	}
	s, isString := v.(string)
	if st, known := model.ParseStart(s); isString && known {
		return st
	}
	log.Warnf(display, frontMatterLine(src, "print_start"), "print_start %q: want page, column or run-on; the section's start is used", fmt.Sprint(v))
	return model.StartDefault
}

// frontMatterLine is the line of a top-level front matter key in src, 1
// when it is not found.
func frontMatterLine(src []byte, key string) int {
	for i, l := range bytes.Split(src, []byte("\n")) {
		if bytes.HasPrefix(l, []byte(key)) && bytes.HasPrefix(bytes.TrimLeft(l[len(key):], " \t"), []byte(":")) {
			return i + 1
		}
	}
	return 1
}
