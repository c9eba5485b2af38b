package mathbox

import "github.com/redtide/edition/internal/texmath"

// Tag sets the equation number of a display, its \tag, nil when it has
// none. TEMPORARY (branch mathprint): a stand-in so that layout can be
// built against the name the Appendix G setter (branch mathbox) adds;
// this file is deleted when that branch is merged.
func (s *Setter) Tag(f *texmath.Formula, o Options) *Box { return nil }
