package epub

import (
	"strings"
	"testing"

	"github.com/redtide/edition/internal/model"
)

// TestMissingFigure: an image that could not be had shows its alt text
// in brackets; with no alt text it shows nothing of itself (never "[]"),
// and a figure with nothing to show is left out.
func TestMissingFigure(t *testing.T) {
	caption := []model.Inline{&model.Text{Text: "A chart"}}
	cases := []struct {
		fig  *model.Figure
		want string
	}{
		{&model.Figure{Image: &model.Image{Alt: "Strikers"}}, "<figure>\n<p>[Strikers]</p>\n</figure>\n"},
		{&model.Figure{Image: &model.Image{Alt: " "}, Caption: caption}, "<figure>\n<figcaption>A chart</figcaption>\n</figure>\n"},
		{&model.Figure{Image: &model.Image{}}, ""},
	}
	for _, c := range cases {
		w := &xw{}
		w.figure(c.fig)
		if got := w.String(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
		if strings.Contains(w.String(), "[]") {
			t.Errorf("empty brackets: %q", w.String())
		}
	}
}
