package text

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestLengthUnits(t *testing.T) {
	tests := []struct {
		name string
		got  Length
		want Length
	}{
		{"pt", Pt, 65536},
		{"in", Inch, 4718592},
		{"pc", Pc, 786432},
		// 72*65536/25.4 = 185771.338…
		{"mm", Mm, Length(math.Round(72 * 65536 / 25.4))},
		{"cm", Cm, Length(math.Round(72 * 65536 / 2.54))},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %d, want %d", tt.name, tt.got, tt.want)
		}
	}
}

func TestParseLength(t *testing.T) {
	tests := []struct {
		in      string
		want    Length
		wantErr bool
	}{
		{"12pt", 12 * Pt, false},
		{"0", 0, false},
		{"0.0", 0, false},
		{"-0pt", 0, false},
		{"3.5pt", 3*Pt + Pt/2, false},
		{".5pt", Pt / 2, false},
		{"5.pt", 5 * Pt, false},
		{"+2pt", 2 * Pt, false},
		{"-1.25pt", -(Pt + Pt/4), false},
		{"1in", Inch, false},
		{"1.5in", Inch + Inch/2, false},
		{"25.4mm", Inch, false},
		{"2.54cm", Inch, false},
		{"1mm", Mm, false},
		{"3mm", 557314, false},  // 3*185771.338 = 557314.01
		{"2cm", 3715427, false}, // 3715426.77
		{"1cm", Cm, false},
		{"1pc", Pc, false},
		{"1bp", Pt, false},
		{"100sp", 100, false},
		{" 12 pt ", 12 * Pt, false},
		{"12PT", 12 * Pt, false},
		{"0.00001pt", 1, false},      // 0.655sp rounds up
		{"0.000007pt", 0, false},     // 0.459sp rounds down
		{"-0.000008pt", -1, false},   // half away from zero: 0.524sp
		{"0.0000076293pt", 0, false}, // just under half a sp
		{"0.0000076295pt", 1, false}, // just over half a sp
		{"140737488355327.99998pt", math.MaxInt64, false},
		{"", 0, true},
		{"pt", 0, true},
		{"12", 0, true},
		{"12px", 0, true},
		{"1.2.3pt", 0, true},
		{"abc", 0, true},
		{"--1pt", 0, true},
		{"1e3pt", 0, true},
		{"NaNpt", 0, true},
		{"99999999999999999999pt", 0, true},
		{"1pt2", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseLength(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseLength(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseLength(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestLengthString(t *testing.T) {
	tests := []struct {
		in   Length
		want string
	}{
		{0, "0pt"},
		{12 * Pt, "12pt"},
		{3*Pt + Pt/2, "3.5pt"},
		{-(Pt + Pt/4), "-1.25pt"},
		{1, "0.00002pt"},
		{-1, "-0.00002pt"},
		{Pt - 1, "0.99998pt"},
		{Inch, "72pt"},
		{Mm, "2.83464pt"},
		{math.MinInt64, "-140737488355328pt"},
	}
	for _, tt := range tests {
		if got := tt.in.String(); got != tt.want {
			t.Errorf("Length(%d).String() = %q, want %q", int64(tt.in), got, tt.want)
		}
	}
}

// TestLengthStringRoundTrip checks that String always parses back to the
// same Length, over every fraction of a point and random large values.
func TestLengthStringRoundTrip(t *testing.T) {
	check := func(l Length) {
		s := l.String()
		got, err := ParseLength(s)
		if err != nil || got != l {
			t.Fatalf("ParseLength(%q) = %d, %v; want %d", s, got, err, l)
		}
	}
	for f := Length(0); f < Pt; f++ {
		check(7*Pt + f)
		check(-f)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		check(Length(r.Int64()))
		check(-Length(r.Int64()))
	}
	check(math.MaxInt64)
}

func TestPoints(t *testing.T) {
	tests := []struct {
		pt float64
		l  Length
	}{
		{0, 0},
		{1, Pt},
		{12.5, 12*Pt + Pt/2},
		{-3.25, -(3*Pt + Pt/4)},
		{1.0 / 65536, 1},
		{0.4 / 65536, 0},
	}
	for _, tt := range tests {
		if got := FromPoints(tt.pt); got != tt.l {
			t.Errorf("FromPoints(%g) = %d, want %d", tt.pt, got, tt.l)
		}
	}
	for _, l := range []Length{0, 1, Pt, -Inch, 12345678} {
		if got := FromPoints(l.Points()); got != l {
			t.Errorf("FromPoints(%d.Points()) = %d", l, got)
		}
	}
}

// FuzzParseLength checks that ParseLength never panics and that String
// round-trips whatever it accepts.
func FuzzParseLength(f *testing.F) {
	for _, s := range []string{"12pt", "-3.5mm", "0", "1.5in", ".5pc", "99999999999999pt", "1e5pt"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLength(s)
		if err != nil {
			return
		}
		got, err := ParseLength(l.String())
		if err != nil || got != l {
			t.Fatalf("ParseLength(%q) = %d, String %q parses to %d, %v", s, l, l.String(), got, err)
		}
	})
}
