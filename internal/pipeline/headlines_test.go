package pipeline_test

import (
	"fmt"
	"html"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/redtide/edition/fonts"
	"github.com/redtide/edition/internal/pipeline"
	"github.com/redtide/edition/internal/testenv"
	"github.com/redtide/edition/layout"
)

// TestHeadlineInk reads the headlines (article titles, subtitles and
// bylines) back from the PDF, on the default and corpus editions, and
// checks that the ink of each line stays inside the columns: its first
// glyph's ink begins at or right of the column's left edge, and its last
// glyph's ink ends at or left of the edge of the column it ends in (not
// in a gutter, not past the text). Positions are pdftotext's
// (-bbox-layout: where each word's glyphs are set, by their advances);
// ink is the glyphs' bounding boxes from the fonts' glyf tables, so an
// italic's overhang and a letter's side bearings count. Which words are
// headlines, in what face and size, and where the columns are, the
// layout says.
func TestHeadlineInk(t *testing.T) {
	t.Parallel()
	testenv.Tool(t, "pdftotext")
	manifests := []string{defaultManifest(t)}
	if !testing.Short() && (testenv.SharedRoot(t) != "" || testenv.InCI()) {
		manifests = append(manifests, corpusManifest(t))
	}
	for _, man := range manifests {
		var doc *layout.Document
		var set *fonts.Set
		res, err := pipeline.Run(pipeline.Options{Manifest: man, OutDir: t.TempDir(), Epoch: &testEpoch, NoPDF: false,
			Preview: func(p pipeline.Preview) { doc, set = p.Layout, p.Fonts }})
		if err != nil {
			t.Fatal(err)
		}
		pdf := pdfOf(t, res)
		lines, bad := 0, 0
		for i, p := range doc.Pages {
			words, width := headlineWords(t, pdf, i+1)
			off := layout.Length((width - pt(doc.Width)) / 2 * float64(layout.Pt)) // bleed and crop marks
			cols := bodyColumns(doc, i)
			for _, l := range p.Lines {
				if l.Kind != layout.KindTitle || len(cols) == 0 {
					continue
				}
				lines++
				if msg := checkInk(l, words, cols, set, off); msg != "" {
					if bad++; bad <= 8 {
						t.Errorf("%s: page %d: %s", man, i+1, msg)
					}
				}
			}
		}
		if bad > 8 {
			t.Errorf("%s: %d headline lines in all", man, bad)
		}
		if lines == 0 {
			t.Errorf("%s: no headline lines found", man)
		}
	}
}

// pdfWord is a word as pdftotext -bbox-layout reads it, in points from
// the top left of the PDF's page (the trimmed page with its bleed and
// crop marks around it).
type pdfWord struct {
	xMin, yMin, xMax, yMax float64
	text                   string
}

var bboxPage = regexp.MustCompile(`<page width="([\d.]+)"`)

var bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

func headlineWords(t *testing.T, pdf string, page int) ([]pdfWord, float64) {
	t.Helper()
	n := strconv.Itoa(page)
	out, err := exec.Command("pdftotext", "-bbox-layout", "-f", n, "-l", n, pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox-layout page %d: %v", page, err)
	}
	var ws []pdfWord
	width := 0.0
	if m := bboxPage.FindStringSubmatch(string(out)); m != nil {
		width, _ = strconv.ParseFloat(m[1], 64)
	}
	for _, m := range bboxWord.FindAllStringSubmatch(string(out), -1) {
		w := pdfWord{text: html.UnescapeString(m[5])}
		for i, p := range []*float64{&w.xMin, &w.yMin, &w.xMax, &w.yMax} {
			*p, _ = strconv.ParseFloat(m[i+1], 64)
		}
		ws = append(ws, w)
	}
	return ws, width
}

// bodyColumns returns the left and right edges of page i's columns, in
// points, from the lines of body text set in them (or of the pages of
// the same side).
func bodyColumns(doc *layout.Document, i int) [][2]float64 {
	for _, j := range []int{i, i - 2, i + 2, i - 4, i + 4} {
		if j < 0 || j >= len(doc.Pages) {
			continue
		}
		var cols [][2]float64
		for _, l := range doc.Pages[j].Lines {
			if l.Kind != layout.KindBody || l.Column < 0 {
				continue
			}
			for len(cols) <= l.Column {
				cols = append(cols, [2]float64{})
			}
			if cols[l.Column][1] == 0 {
				cols[l.Column] = [2]float64{pt(l.X), pt(l.X + l.Width)}
			}
		}
		complete := len(cols) > 0
		for _, c := range cols {
			complete = complete && c[1] > 0
		}
		if complete {
			return cols
		}
	}
	return nil
}

func pt(l layout.Length) float64 { return float64(l) / float64(layout.Pt) }

// checkInk checks headline line l against the words pdftotext read on
// its page; it returns what is wrong, or "".
func checkInk(l *layout.TextLine, words []pdfWord, cols [][2]float64, set *fonts.Set, bleed layout.Length) string {
	var first, last *layout.Run
	for i := range l.Runs {
		if strings.TrimSpace(l.Runs[i].Text) == "" {
			continue
		}
		if first == nil {
			first = &l.Runs[i]
		}
		last = &l.Runs[i]
	}
	if first == nil {
		return ""
	}
	b := pt(bleed)
	fw := strings.Fields(first.Text)[0]
	lw := strings.Fields(last.Text)
	lastWord := lw[len(lw)-1]
	// the words as the PDF places them: nearest the line's baseline
	pf, ok1 := findWord(words, fw, pt(l.Y)+b, pt(first.X)+b, false)
	pl, ok2 := findWord(words, lastWord, pt(l.Y)+b, pt(last.X+last.Width)+b, true)
	if !ok1 || !ok2 {
		return fmt.Sprintf("headline %q not found in the PDF", lineText(l))
	}
	ff, lf := first.Face.Font(set), last.Face.Font(set)
	r0, _ := utf8.DecodeRuneInString(fw)
	r1, _ := utf8.DecodeLastRuneInString(lastWord)
	inkL, _ := ff.Ink(r0)
	_, inkR := lf.Ink(r1)
	left := pf.xMin + float64(inkL)*pt(first.Size)/1000
	right := pl.xMax + float64(inkR-lf.Width(r1))*pt(last.Size)/1000
	var start [2]float64 // the column the line begins in
	for _, c := range cols {
		if c[0]+b-1 <= pf.xMin {
			start = c
		}
	}
	if left < start[0]+b-0.01 {
		return fmt.Sprintf("the ink of %q begins %.2f pt left of its column", lineText(l), start[0]+b-left)
	}
	limit := cols[len(cols)-1][1] + b // the column the ink ends in, or the one before the gutter it ends in
	for k := len(cols) - 1; k >= 0; k-- {
		if right > cols[k][0]+b {
			limit = cols[k][1] + b
			break
		}
	}
	if right > limit+0.01 {
		return fmt.Sprintf("the ink of %q ends %.2f pt past the edge of its column", lineText(l), right-limit)
	}
	return ""
}

// findWord finds the word text nearest the baseline y and, at its start
// (or end), x.
func findWord(words []pdfWord, text string, y, x float64, end bool) (pdfWord, bool) {
	best, found, dist := pdfWord{}, false, 0.0
	for _, w := range words {
		if w.text != text || y < w.yMin || y > w.yMax+2 {
			continue
		}
		d := w.xMin - x
		if end {
			d = w.xMax - x
		}
		if d < 0 {
			d = -d
		}
		if d < 3 && (!found || d < dist) {
			best, found, dist = w, true, d
		}
	}
	return best, found
}
