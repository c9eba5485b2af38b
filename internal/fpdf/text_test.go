package fpdf

import (
	"bytes"
	"hash/adler32"
	"math"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// appendUTF16Ref is appendUTF16 as it was before its word-at-a-time
// paths (edition patch 29): a byte at a time through appendEscaped.
func appendUTF16Ref(b []byte, txt string, more int) ([]byte, bool) {
	b = slices.Grow(b, 2*len(txt)+more)
	for i := 0; i < len(txt); {
		if c := txt[i]; c < utf8.RuneSelf {
			b = append(b, 0)
			b = appendEscaped(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(txt[i:])
		if r == utf8.RuneError && size == 1 || r >= 0x10000 {
			return b, false
		}
		b = appendEscaped(b, byte(r>>8))
		b = appendEscaped(b, byte(r))
		i += size
	}
	return b, true
}

// checkUTF16 compares appendUTF16 with appendUTF16Ref on txt after a
// prefix, and checks the room left for more bytes.
func checkUTF16(t *testing.T, prefix []byte, txt string, more int) {
	t.Helper()
	want, wok := appendUTF16Ref(slices.Clone(prefix), txt, more)
	got, ok := appendUTF16(slices.Clone(prefix), txt, more)
	if ok != wok {
		t.Fatalf("%q: ok %v, want %v", txt, ok, wok)
	}
	if !ok {
		return // the caller drops what was written
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%q: wrote\n%q, want\n%q", txt, got, want)
	}
	if cap(got)-len(got) < more {
		t.Fatalf("%q: room for %d bytes after, want %d", txt, cap(got)-len(got), more)
	}
}

// TestAppendUTF16 compares appendUTF16 with the byte-at-a-time code it
// replaced: every ASCII byte at every place of strings of 1 to 20 bytes
// (so in the eight-byte, four-byte and single-byte paths), and runs of
// other text.
func TestAppendUTF16(t *testing.T) {
	for _, txt := range []string{
		"", "a", "word", "words", "(x)", `back\slash`, "a\rb", "tab\tand\nnewline",
		"12345678", "1234567(", "(2345678", "abcdefgh\\", "café", "naïve (déjà vu)",
		"€100", "\u00ff\u0100\u0128\u0129\u015c\u0d0d\u2829", "a\xffb", "\xe2\x82", "𝑥", "x𝑥",
		"\x7f\x00\x01", strings.Repeat("plain text, ", 9), strings.Repeat("a(b)c\\d\re", 7),
	} {
		for _, prefix := range [][]byte{nil, []byte("BT 1.00 2.00 Td (")} {
			for _, more := range []int{0, 5, 100} {
				checkUTF16(t, prefix, txt, more)
			}
		}
	}
	for n := 1; n <= 20; n++ {
		for at := 0; at < n; at++ {
			for c := 0; c < utf8.RuneSelf; c++ {
				s := []byte(strings.Repeat("m", n))
				s[at] = byte(c)
				checkUTF16(t, nil, string(s), 5)
			}
			s := []byte(strings.Repeat("m", n))
			s[at] = 0x80 // invalid alone
			checkUTF16(t, nil, string(s), 5)
			checkUTF16(t, nil, string(s[:at])+"é"+string(s[at+1:]), 5)
		}
	}
}

// FuzzAppendUTF16 compares appendUTF16 with the byte-at-a-time code.
func FuzzAppendUTF16(f *testing.F) {
	for _, s := range []string{"", "hello", "a(b)c", "x\\y\rz", "déjà", "𝑥y", "\xff", "1234567890123"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, txt string, more int) {
		if more < 0 || more > 1<<10 {
			return
		}
		checkUTF16(t, []byte("q "), txt, more)
	})
}

// hundredthsRef is hundredths as it was before edition patch 29, with
// math.Floor and two comparisons for the band around a half.
func hundredthsRef(v float64) (int64, bool) {
	a := math.Abs(v)
	if !(a < 1e6) {
		return 0, false
	}
	s := a * 100
	fl := math.Floor(s)
	fr := s - fl
	var n int64
	if fr > 0.5-1e-6 && fr < 0.5+1e-6 {
		d := strconv.AppendFloat(nil, a, 'f', 2, 64)
		for _, c := range d {
			if c != '.' {
				n = 10*n + int64(c-'0')
			}
		}
	} else {
		n = int64(fl)
		if fr > 0.5 {
			n++
		}
	}
	if v < 0 {
		n = -n
	}
	return n, true
}

// appendHundredthsRef is appendHundredths as it was, through strconv.
func appendHundredthsRef(b []byte, n int64, short bool) []byte {
	if n == 0 && short {
		return append(b, '0')
	}
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	c := n % 100
	return append(b, '.', byte('0'+c/10), byte('0'+c%10))
}

// TestHundredths compares hundredths with the code it replaced on
// positions as the painter makes them (multiples of 1/65536 pt), on
// values at and near halves of a hundredth, random values and the
// edges.
func TestHundredths(t *testing.T) {
	check := func(v float64) {
		t.Helper()
		n, ok := hundredths(v)
		wn, wok := hundredthsRef(v)
		if n != wn || ok != wok {
			t.Fatalf("hundredths(%v) = %d, %v; want %d, %v", v, n, ok, wn, wok)
		}
	}
	for _, v := range []float64{0, math.Copysign(0, -1), 0.005, 0.015, 0.125, 2.675, -2.675, 1.005, 999999.995,
		1e6, -1e6, math.Nextafter(1e6, 0), math.Inf(1), math.Inf(-1), math.NaN(), 1e300, 5e-324} {
		check(v)
	}
	for i := 0; i < 2000000; i += 7 {
		v := float64(i) / 65536
		check(v)
		check(-v)
		check(841.89 - v)
	}
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 200000; i++ {
		h := float64(r.Intn(100000000)) + 0.5 // a half of a hundredth
		for _, v := range []float64{h / 100, math.Nextafter(h/100, 0), math.Nextafter(h/100, 1e7), (h + r.Float64() - 0.5) / 100} {
			check(v)
			check(-v)
		}
		check((r.Float64() - 0.5) * 2.2e6)
	}
}

// TestAppendHundredths compares appendHundredths with the strconv code it
// replaced, short and not, around every power of ten and on random
// values, below and above the word-at-a-time limit.
func TestAppendHundredths(t *testing.T) {
	check := func(n int64) {
		t.Helper()
		for _, short := range []bool{false, true} {
			prefix := []byte("1 0 ")
			got := appendHundredths(slices.Clip(prefix), n, short)
			want := appendHundredthsRef(slices.Clone(prefix), n, short)
			if !bytes.Equal(got, want) {
				t.Fatalf("appendHundredths(%d, %v) = %q, want %q", n, short, got, want)
			}
		}
	}
	for n := int64(-200000); n <= 200000; n++ {
		check(n)
	}
	for p := int64(1); p < math.MaxInt64/10; p *= 10 {
		for _, d := range []int64{-1, 0, 1} {
			check(p + d)
			check(-p - d)
		}
	}
	check(math.MaxInt64)
	check(math.MinInt64 + 1)
	r := rand.New(rand.NewSource(4))
	for i := 0; i < 100000; i++ {
		check(r.Int63n(2e8) - 1e8)
		check(r.Int63() >> uint(r.Intn(63)))
	}
}

// FuzzHundredths compares hundredths and appendHundredths with the code
// they replaced.
func FuzzHundredths(f *testing.F) {
	for _, v := range []float64{0, 1.005, -72.5, 595.28, 1e6, 123456.785} {
		f.Add(v, int64(v*100))
	}
	f.Fuzz(func(t *testing.T, v float64, n int64) {
		got, ok := hundredths(v)
		if want, wok := hundredthsRef(v); got != want || ok != wok {
			t.Fatalf("hundredths(%v) = %d, %v; want %d, %v", v, got, ok, want, wok)
		}
		if n == math.MinInt64 {
			return // the old code wrote it wrongly; no position is near it
		}
		for _, short := range []bool{false, true} {
			if got, want := appendHundredths(nil, n, short), appendHundredthsRef(nil, n, short); !bytes.Equal(got, want) {
				t.Fatalf("appendHundredths(%d, %v) = %q, want %q", n, short, got, want)
			}
		}
	})
}

// FuzzAdler32 compares adlerSum with hash/adler32, from any start.
func FuzzAdler32(f *testing.F) {
	f.Add([]byte("BT 72.00 700.25 Td (\x00a\x00b) Tj ET\n"), 17)
	f.Add(bytes.Repeat([]byte{0xff}, 100), 0)
	f.Fuzz(func(t *testing.T, p []byte, cut int) {
		if cut < 0 || cut > len(p) {
			cut = len(p) / 2
		}
		h := adler32.New()
		h.Write(p)
		if got, want := adlerSum(adlerSum(1, p[:cut]), p[cut:]), h.Sum32(); got != want {
			t.Fatalf("%d bytes cut at %d: %08x, want %08x", len(p), cut, got, want)
		}
	})
}
