package linebreak

import (
	"fmt"
	"testing"
)

// fuzzItems decodes 4 bytes per item: kind, width, stretch/shrink or
// penalty, flags. Widths are whole points up to ±127pt so sums never
// overflow; kinds and penalties cover forced and forbidden breaks.
func fuzzItems(data []byte) []Item {
	var items []Item
	for len(data) >= 4 {
		k, w, a, f := data[0], int8(data[1]), data[2], data[3]
		data = data[4:]
		switch k % 3 {
		case 0:
			items = append(items, Box(Length(w)*Pt))
		case 1:
			st := Length(a&0xf) * Pt
			if f&1 != 0 {
				st = Fil
			}
			items = append(items, Glue(Length(w)*Pt, st, Length(a>>4)*Pt))
		case 2:
			p := int(int8(a)) * 100 // ±12800: beyond ±Infinity too
			items = append(items, Penalty(Length(w)*Pt, p, f&1 != 0))
		}
	}
	return items
}

func FuzzBreak(f *testing.F) {
	items, _ := paragraph(frogKing, 0)
	seed := make([]byte, 0, 4*len(items))
	for _, it := range items[:60] {
		var a, fl byte
		switch it.Kind {
		case GlueItem:
			a = byte(it.Stretch/Pt) | byte(it.Shrink/Pt)<<4
		case PenaltyItem:
			a = byte(int8(it.Penalty / 100))
			if it.Flagged {
				fl = 1
			}
		}
		seed = append(seed, byte(it.Kind), byte(int8(it.Width/Pt)), a, fl)
	}
	f.Add(seed, uint16(100), uint16(200), int8(0), uint8(2))
	f.Add([]byte{0, 10, 0, 0, 1, 2, 0x13, 0, 0, 10, 0, 0, 2, 0, 0x9c, 1}, uint16(15), uint16(10000), int8(1), uint8(1))
	f.Add([]byte{2, 0, 0x9c, 0, 2, 0, 0x9c, 0, 1, 0, 0, 1}, uint16(0), uint16(0), int8(-1), uint8(0))
	// A forced break that carries a hyphen must not be skipped by the
	// first pass.
	f.Add([]byte("20\x8010\x0000"), uint16(3), uint16(61), int8(0), uint8('O'))
	// Greedy once lost its last line after a hyphen over the limit.
	f.Add([]byte("200100002001"), uint16(116), uint16(10087), int8(72), uint8(0x19))
	f.Fuzz(func(t *testing.T, data []byte, measure, tolerance uint16, looseness int8, maxHyph uint8) {
		items := fuzzItems(data)
		// Two bytes of measure for the first line, then a constant one,
		// sometimes zero or narrower than a box.
		width := func(i int) Length {
			if i == 0 {
				return Length(measure>>8) * Pt
			}
			return Length(measure&0xff) * Pt
		}
		p := DefaultParams()
		p.Tolerance = int(tolerance)
		p.PreTolerance = int(tolerance) / 2
		p.Looseness = int(looseness)
		p.MaxConsecutiveHyphens = int(maxHyph % 4)
		if maxHyph&4 != 0 {
			// Runt demerits change the choice, never feasibility.
			p.RuntDemerits, p.RuntWidth = 5000, Length(measure&0xff)*Pt/6
		}
		lines, ok := Break(items, width, p)
		exact := Breaker{exact: true}
		if want, wantOK := exact.Break(items, width, p); ok != wantOK || fmt.Sprint(lines) != fmt.Sprint(want) {
			t.Fatalf("Break gave %v (%v), measuring every line %v (%v)", lines, ok, want, wantOK)
		}
		if ok {
			checkCover(t, items, lines)
			for i, ln := range lines {
				if ln.Ratio < -1 || ln.Badness > p.Tolerance {
					t.Fatalf("line %d: %+v infeasible", i, ln)
				}
			}
			checkHyphenRuns(t, lines, p.MaxConsecutiveHyphens)
		} else if lines != nil {
			t.Fatalf("lines %v with ok=false", lines)
		}
		if len(items) > 0 && len(items) <= 40 {
			want := feasible(items, width, p.Tolerance, p.MaxConsecutiveHyphens, true) ||
				feasible(items, width, p.PreTolerance, p.MaxConsecutiveHyphens, false)
			if ok != want {
				t.Fatalf("Break ok=%v, exhaustive search says %v", ok, want)
			}
		}
		greedy := GreedyHyphens(items, width, p.MaxConsecutiveHyphens)
		checkCover(t, items, greedy)
	})
}

func checkHyphenRuns(t *testing.T, lines []Line, limit int) {
	t.Helper()
	run := 0
	for i, ln := range lines {
		if !ln.Hyphenated {
			run = 0
			continue
		}
		if run++; limit > 0 && run > limit {
			t.Fatalf("line %d: %d consecutive hyphenated lines, limit %d", i, run, limit)
		}
	}
}

// feasible reports by exhaustive search whether some choice of breaks sets
// every line within tolerance, with at most maxHyph consecutive hyphenated
// lines (0: no limit); hyphens false ignores inserted hyphens as the first
// pass does. It mirrors K&P §2's rules without the active list,
// so FuzzBreak can check that Break never misses a solution.
func feasible(items []Item, width func(int) Length, tolerance, maxHyph int, hyphens bool) bool {
	end := paragraphEnd(items)
	type key struct{ start, line, hyph int }
	memo := map[key]bool{}
	var from func(start, line, hyph int) bool
	from = func(start, line, hyph int) bool {
		k := key{start, line, hyph}
		if v, ok := memo[k]; ok {
			return v
		}
		memo[k] = false
		var w, y, z Length
		result := false
		for cur := start; cur <= end && !result; cur++ {
			var pw Length
			forced, flagged, legal := cur == end, false, cur == end
			if cur < end {
				it := items[cur]
				switch it.Kind {
				case GlueItem:
					legal = cur > 0 && items[cur-1].Kind == BoxItem
				case PenaltyItem:
					forced = it.Penalty <= -Infinity
					legal = it.Penalty < Infinity && (hyphens || forced || !it.Flagged || it.Width <= 0)
					flagged = it.Flagged
					pw = it.Width
				}
			} else if cur < len(items) {
				pw = items[cur].Width
			}
			if legal {
				short := width(line) - (w + pw)
				ok := true
				switch {
				case short > 0:
					ok = badness(short, y) <= tolerance
				case short < 0:
					ok = -short <= z && badness(-short, z) <= tolerance
				}
				h := 0
				if flagged {
					h = hyph + 1
				}
				if ok && (maxHyph <= 0 || h <= maxHyph) {
					if cur == end {
						result = true
					} else {
						result = from(nextStart(items, cur, end), line+1, h)
					}
				}
				if forced || (short < 0 && -short > z) {
					break
				}
			}
			if cur < end && items[cur].Kind != PenaltyItem {
				w += items[cur].Width
				if items[cur].Kind == GlueItem {
					y += items[cur].Stretch
					z += items[cur].Shrink
				}
			}
		}
		memo[k] = result
		return result
	}
	return from(0, 0, 0)
}
