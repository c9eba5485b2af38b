// Edition patch 22: the /W array of a UTF-8 font without fpdf's PHP-style
// arrays (see README.md).

package fpdf

import (
	"slices"
	"strconv"
)

// cidRange is a run of consecutive CIDs and their widths in the /W array
// of a UTF-8 font's CIDFont. interval marks a run that fpdf's
// generateCIDFontMap flagged as one of equal widths.
type cidRange struct {
	first    int
	widths   []int
	interval bool
}

// cidWidths is the /W entry that fpdf's generateCIDFontMap wrote: the
// widths of the CIDs 1 to lastRune that have one, where a CID above 255
// counts only if the font's text used it. fpdf looked at every CID up to
// lastRune, testing each against a map of the used runes, and kept the
// runs in untypedKeyMaps, whose every append searched the keys for the
// first free one; this takes the used runes in order and keeps the runs
// in slices, and writes the same runs, joined as fpdf joined them.
func cidWidths(font *fontDefType, lastRune int) string {
	var cids []int
	if lastRune < len(font.Cw) {
		for cid := 1; cid <= lastRune && cid <= 255; cid++ {
			cids = append(cids, cid)
		}
		n := len(cids)
		for cid, numb := range font.usedRunes {
			if cid > 255 && cid <= lastRune && numb != 0 {
				cids = append(cids, cid)
			}
		}
		slices.Sort(cids[n:])
	} else {
		// fpdf's scan, which fails (index out of range) where fpdf did
		for cid := 1; cid <= lastRune; cid++ {
			if font.Cw[cid] == 0 {
				continue
			}
			if numb, ok := font.usedRunes[cid]; cid > 255 && (!ok || numb == 0) {
				continue
			}
			cids = append(cids, cid)
		}
	}

	// The runs, as generateCIDFontMap's first loop made them.
	var ranges []*cidRange
	var cur *cidRange
	prevCid, prevWidth := -2, -1
	for _, cid := range cids {
		width := font.Cw[cid]
		if width == 0 {
			continue
		}
		if width == 65535 {
			width = 0
		}
		switch {
		case cid != prevCid+1:
			cur = &cidRange{first: cid, widths: []int{width}}
			ranges = append(ranges, cur)
		case width == prevWidth:
			if width == cur.widths[0] {
				cur.widths = append(cur.widths, width)
			} else {
				// the run's last width starts a run of equal widths
				cur.widths = cur.widths[:len(cur.widths)-1]
				cur = &cidRange{first: prevCid, widths: []int{prevWidth, width}}
				ranges = append(ranges, cur)
			}
			cur.interval = true
		case cur.interval:
			cur = &cidRange{first: cid, widths: []int{width}}
			ranges = append(ranges, cur)
		default:
			cur.widths = append(cur.widths, width)
		}
		prevCid, prevWidth = cid, width
	}

	// Its second loop: a run that follows the one before without a gap
	// joins it, unless either is an interval of three widths or more.
	var out []*cidRange
	nextKey := -1
	long := false // the run before is an interval of three widths or more
	for _, r := range ranges {
		isLong := r.interval && len(r.widths) >= 3
		if r.first == nextKey && !long && !isLong {
			prev := out[len(out)-1]
			prev.widths = append(prev.widths, r.widths...)
		} else {
			out = append(out, r)
		}
		nextKey = r.first + len(r.widths)
		long = isLong
	}

	b := make([]byte, 0, 64+8*len(cids))
	b = append(b, "/W ["...)
	for _, r := range out {
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(r.first), 10)
		same := true
		for _, w := range r.widths {
			same = same && w == r.widths[0]
		}
		if same {
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(r.first+len(r.widths)-1), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(r.widths[0]), 10)
			continue
		}
		b = append(b, " [ "...)
		for i, w := range r.widths {
			if i > 0 {
				b = append(b, ' ')
			}
			b = strconv.AppendInt(b, int64(w), 10)
		}
		b = append(b, " ]\n"...)
	}
	b = append(b, " ]"...)
	return string(b)
}
