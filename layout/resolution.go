package layout

import (
	"fmt"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
)

// MinImagePPI is the lowest resolution, in pixels per inch at the size
// an image is printed, that prints sharp: below it pixels show on paper
// (150 ppi is the usual floor for offset and digital presses; 300 is the
// norm for photographs).
const MinImagePPI = 150

// PPI is the resolution img prints at when placed w wide, in pixels per
// inch (rounded down); 0 when either is unknown.
func PPI(img *model.Image, w Length) int {
	if img == nil || img.Width <= 0 || w <= 0 {
		return 0
	}
	return int(int64(img.Width) * int64(Inch) / int64(w))
}

// checkResolution warns, once per image reference, when img would print
// below MinImagePPI at width w and height h: the warning gives the ppi and
// the pixels it would need, at path:line of the reference (line 0 when
// unknown).
func (lt *layouter) checkResolution(img *model.Image, w, h Length, path string, line int) {
	ppi := PPI(img, w)
	if ppi == 0 || ppi >= MinImagePPI {
		return
	}
	needW := int((int64(w)*MinImagePPI + int64(Inch) - 1) / int64(Inch))
	needH := int((int64(h)*MinImagePPI + int64(Inch) - 1) / int64(Inch))
	lt.warnOnce(fmt.Sprintf("ppi %s:%d %s", path, line, img.Name), diag.Warning{Path: path, Line: line, Msg: fmt.Sprintf(
		"image %s prints at %d ppi at its size on the page (%.1f × %.1f cm); %d ppi needs %d × %d pixels, it has %d × %d",
		img.Path, ppi, w.Points()*2.54/72, h.Points()*2.54/72, MinImagePPI, needW, needH, img.Width, img.Height)})
}
