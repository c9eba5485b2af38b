package text

import (
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/layout/linebreak"
)

// WordCounter counts the words of an element's text up to a line, as
// model.PageStart counts them: a word begins at a letter that follows
// white space, a glue item, or nothing.
type WordCounter struct {
	k  int  // items counted (upTo)
	n  int  // words begun
	in bool // inside a word
}

// upTo counts the words that begin in items[:start] (the paragraph's
// items, counted from where the last call stopped) and returns the words
// begun before start: the number of the first word that begins at or
// after it. A box continuing a word broken at the end of the previous
// line (a hyphenation, a URL break) begins no word.
func (c *WordCounter) upTo(items []linebreak.Item, data []boxData, start int) int {
	for ; c.k < start && c.k < len(items); c.k++ {
		switch items[c.k].Kind {
		case linebreak.GlueItem:
			if !data[c.k].mathSpace {
				c.in = false
			}
		case linebreak.BoxItem:
			if d := &data[c.k]; d.math != nil {
				c.Text(d.math.TeX)
			} else if (d.to > d.from || d.ref != nil) && !d.st.Added {
				if !c.in {
					c.n++
				}
				c.in = true
			}
		}
	}
	return c.n
}

// Text counts the words that begin in s (a code line).
func (c *WordCounter) Text(s string) {
	for _, r := range s {
		switch {
		case model.IsWordSpace(r):
			c.in = false
		case !c.in:
			c.n++
			c.in = true
		}
	}
}

// Begun is the number of words begun so far.
func (c *WordCounter) Begun() int { return c.n }

// Gap ends a word: a line break of code, spaces dropped at a wrap.
func (c *WordCounter) Gap() { c.in = false }
