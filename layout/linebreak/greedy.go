package linebreak

// Greedy fills lines first-fit at their natural widths, without
// stretching or shrinking glue: the ragged-right fallback when Break fails.
// Each line takes the last breakpoint at which it still fits its measure, so
// a line is wider than its measure only when no breakpoint allows otherwise
// (a box, or unbreakable run of boxes, wider than the measure). Forced breaks
// are honoured; Ratio and Badness of the lines are 0. As with
// DefaultParams, at most two consecutive lines end at flagged penalties,
// unless a line would otherwise be too wide.
func Greedy(items []Item, width func(line int) Length) []Line {
	return GreedyHyphens(items, width, DefaultParams().MaxConsecutiveHyphens)
}

// GreedyHyphens is Greedy with a limit of maxConsecutiveHyphens
// consecutive lines ending at flagged penalties (0 or less: no limit). The
// limit gives way where keeping it would make a line wider than its measure.
func GreedyHyphens(items []Item, width func(line int) Length, maxConsecutiveHyphens int) []Line {
	if len(items) == 0 {
		return nil
	}
	end := paragraphEnd(items)
	var lines []Line
	start := 0
	var lw Length // natural width of items[start:cur]
	last, lastW := -1, Length(0)
	// A hyphen beyond the limit is used only if the line would otherwise
	// be overfull: spare is the last such breakpoint that fits.
	spare, spareW := -1, Length(0)
	run := 0 // consecutive hyphenated lines so far
	measure := width(0)
	for cur := 0; cur <= end; cur++ {
		var pw Length
		forced, limited := cur == end, false
		if cur < end {
			it := &items[cur]
			legal := false
			switch it.Kind {
			case BoxItem:
				lw += it.Width
				continue
			case GlueItem:
				legal = cur > start && items[cur-1].Kind == BoxItem
			case PenaltyItem:
				forced = it.Penalty <= -Infinity
				legal = it.Penalty < Infinity
				limited = !forced && it.Flagged && maxConsecutiveHyphens > 0 && run >= maxConsecutiveHyphens
				pw = it.Width
			}
			if !legal {
				if it.Kind == GlueItem {
					lw += it.Width
				}
				continue
			}
		} else if cur < len(items) {
			pw = items[cur].Width
		}
		fits := lw+pw <= measure
		if fits && limited {
			spare, spareW = cur, lw+pw
			continue
		}
		if !fits && last < 0 && spare >= 0 {
			last, lastW = spare, spareW
		}
		switch {
		case !fits && last >= 0:
			// Break at the last fitting breakpoint and rescan after it.
			lines = append(lines, greedyLine(items, start, last, lastW))
			start = nextStart(items, last, end)
		case forced || !fits:
			// A forced break, or nothing fits: break here.
			lines = append(lines, greedyLine(items, start, cur, lw+pw))
			if cur == end {
				return lines
			}
			start = nextStart(items, cur, end)
		default:
			last, lastW = cur, lw+pw
			if items[cur].Kind == GlueItem {
				lw += items[cur].Width
			}
			continue
		}
		cur, lw, last, spare = start-1, 0, -1, -1
		measure = width(len(lines))
		if lines[len(lines)-1].Hyphenated {
			run++
		} else {
			run = 0
		}
	}
	return lines
}

func greedyLine(items []Item, start, end int, w Length) Line {
	return Line{
		Start:      min(start, end),
		End:        end,
		Width:      w,
		Hyphenated: end < len(items) && items[end].Kind == PenaltyItem && items[end].Flagged,
	}
}
