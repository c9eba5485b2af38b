package layout

import (
	"slices"

	"github.com/redtide/edition/internal/model"
)

// OwnedArticles returns the articles, by index in reading order, of
// which pm holds elements, in that order.
func (pm *PageMap) OwnedArticles() []int {
	var out []int
	for _, w := range pm.owner.of {
		if k := w.art(); !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// FigureOf returns the figure pm takes image im for on a page.
func (pm *PageMap) FigureOf(im *model.Image) *model.Figure { return pm.owner.figure[im] }
