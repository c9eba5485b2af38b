package fpdf

import (
	"math/rand"
	"testing"
)

// TestCIDWidths: cidWidths writes the /W array that fpdf's
// generateCIDFontMap (oldCIDWidths, kept here) wrote, for the widths of
// the repository's fonts and for random widths with many runs of equal
// widths, interval runs next to lists and gaps.
func TestCIDWidths(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	check := func(name string, font *fontDefType, last int) {
		t.Helper()
		got, want := cidWidths(font, last), oldCIDWidths(font, last)
		if got != want {
			t.Fatalf("%s: /W differs:\n%.400s\nwant\n%.400s", name, got, want)
		}
	}
	for name, data := range repoFonts(t) {
		f := New("P", "pt", "A4", "")
		def, err := f.utf8FontDef("x", "", data)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{0, 50, 400, 3000} {
			used := map[int]int{}
			for i := 0; i < n; i++ {
				r := rng.Intn(0x3000)
				used[r] = r
			}
			used[0x2000] = 0 // in the map, not used
			last := 0
			for r := range used {
				last = max(last, r)
			}
			def.usedRunes = used
			check(name, &def, last)
		}
	}
	for i := 0; i < 3000; i++ {
		n := 1 + rng.Intn(600)
		cw := make([]int, n+1)
		palette := []int{0, 0, 500, 500, 500, 250, 65535, 600 + rng.Intn(3)}
		for c := 1; c <= n; c++ {
			if rng.Intn(3) == 0 && c > 1 {
				cw[c] = cw[c-1] // runs of equal widths
			} else {
				cw[c] = palette[rng.Intn(len(palette))]
			}
		}
		used := map[int]int{}
		for c := 256; c <= n; c++ {
			if rng.Intn(4) != 0 {
				used[c] = c * rng.Intn(2)
			}
		}
		font := &fontDefType{Cw: cw, usedRunes: used}
		check("random", font, n-rng.Intn(3))
	}
}

func oldCIDWidths(font *fontDefType, LastRune int) string {
	rangeID := 0
	cidArray := make(map[int]*untypedKeyMap)
	cidArrayKeys := make([]int, 0)
	prevCid := -2
	prevWidth := -1
	interval := false
	startCid := 1
	cwLen := LastRune + 1

	// for each character
	for cid := startCid; cid < cwLen; cid++ {
		if font.Cw[cid] == 0x00 {
			continue
		}
		width := font.Cw[cid]
		if width == 65535 {
			width = 0
		}
		if numb, OK := font.usedRunes[cid]; cid > 255 && (!OK || numb == 0) {
			continue
		}

		if cid == prevCid+1 {
			if width == prevWidth {

				if width == cidArray[rangeID].get(0) {
					cidArray[rangeID].put(nil, width)
				} else {
					cidArray[rangeID].pop()
					rangeID = prevCid
					r := untypedKeyMap{
						valueSet: make([]int, 0),
						keySet:   make([]interface{}, 0),
					}
					cidArray[rangeID] = &r
					cidArrayKeys = append(cidArrayKeys, rangeID)
					cidArray[rangeID].put(nil, prevWidth)
					cidArray[rangeID].put(nil, width)
				}
				interval = true
				cidArray[rangeID].put("interval", 1)
			} else {
				if interval {
					// new range
					rangeID = cid
					r := untypedKeyMap{
						valueSet: make([]int, 0),
						keySet:   make([]interface{}, 0),
					}
					cidArray[rangeID] = &r
					cidArrayKeys = append(cidArrayKeys, rangeID)
					cidArray[rangeID].put(nil, width)
				} else {
					cidArray[rangeID].put(nil, width)
				}
				interval = false
			}
		} else {
			rangeID = cid
			r := untypedKeyMap{
				valueSet: make([]int, 0),
				keySet:   make([]interface{}, 0),
			}
			cidArray[rangeID] = &r
			cidArrayKeys = append(cidArrayKeys, rangeID)
			cidArray[rangeID].put(nil, width)
			interval = false
		}
		prevCid = cid
		prevWidth = width

	}
	previousKey := -1
	nextKey := -1
	isInterval := false
	for g := 0; g < len(cidArrayKeys); {
		key := cidArrayKeys[g]
		ws := *cidArray[key]
		cws := len(ws.keySet)
		if (key == nextKey) && (!isInterval) && (ws.getIndex("interval") < 0 || cws < 4) {
			if cidArray[key].getIndex("interval") >= 0 {
				cidArray[key].delete("interval")
			}
			cidArray[previousKey] = arrayMerge(cidArray[previousKey], cidArray[key])
			cidArrayKeys = remove(cidArrayKeys, key)
		} else {
			g++
			previousKey = key
		}
		nextKey = key + cws
		// ui := ws.getIndex("interval")
		// ui = ui + 1
		if ws.getIndex("interval") >= 0 {
			if cws > 3 {
				isInterval = true
			} else {
				isInterval = false
			}
			cidArray[key].delete("interval")
			nextKey--
		} else {
			isInterval = false
		}
	}
	var w fmtBuffer
	for _, k := range cidArrayKeys {
		ws := cidArray[k]
		if len(arrayCountValues(ws.valueSet)) == 1 {
			w.printf(" %d %d %d", k, k+len(ws.valueSet)-1, ws.get(0))
		} else {
			w.printf(" %d [ %s ]\n", k, implode(" ", ws.valueSet))
		}
	}
	return "/W [" + w.String() + " ]"
}
