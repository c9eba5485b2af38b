package printset

import "testing"

// TestDefaults: the imprint follows the crop marks unless asked, and
// images are downsampled unless asked not to be.
func TestDefaults(t *testing.T) {
	yes, no := true, false
	for _, c := range []struct {
		name                  string
		s                     Settings
		imprint, downsampling bool
	}{
		{"zero", Settings{}, false, true},
		{"crop marks", Settings{CropMarks: true}, true, true},
		{"crop marks, no imprint", Settings{CropMarks: true, Imprint: &no}, false, true},
		{"imprint alone", Settings{Imprint: &yes}, true, true},
		{"keep images", Settings{Downsample: &no}, false, false},
		{"downsample", Settings{Downsample: &yes}, false, true},
	} {
		if got := c.s.ImprintOn(); got != c.imprint {
			t.Errorf("%s: imprint %v, want %v", c.name, got, c.imprint)
		}
		if got := c.s.DownsampleOn(); got != c.downsampling {
			t.Errorf("%s: downsample %v, want %v", c.name, got, c.downsampling)
		}
	}
}
