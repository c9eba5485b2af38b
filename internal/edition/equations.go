package edition

import (
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/texmath"
)

// numberEquations numbers the article's displays as the site's math
// renderer does (mode), once, in the model, so print and EPUB agree: a
// display's number is its formula's Tag (or its rows' Tags), and every
// \ref and \eqref reads the number of its label, or "(???)" with a
// warning when no equation has the label. MathJax numbers per page;
// an article is a page.
func numberEquations(a *model.Article, mode texmath.Numbering, path string, log *diag.Log) {
	var eq *texmath.Equations
	each := func(blocks []model.Block, f func(line int, fm *texmath.Formula)) {
		model.WalkBlocks(blocks, func(b model.Block) {
			line := 0
			if l, ok := b.(interface{ SourceLine() int }); ok {
				line = l.SourceLine()
			}
			switch t := b.(type) {
			case *model.MathBlock:
				f(line, t.Formula)
			case *model.Quote, *model.List:
				return // WalkBlocks visits their blocks
			default:
				model.WalkInlinesInBlocks([]model.Block{b}, func(in model.Inline) {
					if m, ok := in.(*model.Math); ok {
						f(line, m.Formula)
					}
				})
			}
		})
	}
	all := func(f func(line int, fm *texmath.Formula)) {
		each(a.Blocks, f)
		for _, n := range a.Notes {
			each(n.Blocks, f)
		}
	}
	has := false
	all(func(_ int, fm *texmath.Formula) { has = has || fm != nil })
	if !has {
		return
	}
	eq = texmath.NewEquations(mode)
	all(func(line int, fm *texmath.Formula) {
		for _, l := range eq.Number(fm) {
			log.Warnf(path, line, "equation label %q is defined twice; references show the first", l)
		}
	})
	all(func(line int, fm *texmath.Formula) {
		for _, l := range eq.Resolve(fm) {
			log.Warnf(path, line, "no numbered equation has the label %q; the reference is printed as (???)", l)
		}
	})
}
