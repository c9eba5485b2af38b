package pdf

import (
	"encoding/binary"
	"strings"
	"testing"
)

// iccTags returns the tags of an ICC profile (ICC.1 §7.3), their data by
// signature; it fails the test on a malformed header or tag table.
func iccTags(t *testing.T, name string, icc []byte) map[string][]byte {
	t.Helper()
	if len(icc) < 132 || int(binary.BigEndian.Uint32(icc)) != len(icc) || string(icc[36:40]) != "acsp" {
		t.Fatalf("%s: not an ICC profile of its own length", name)
	}
	n := int(binary.BigEndian.Uint32(icc[128:]))
	tags := map[string][]byte{}
	for i := 0; i < n; i++ {
		e := icc[132+12*i:]
		off, size := int(binary.BigEndian.Uint32(e[4:])), int(binary.BigEndian.Uint32(e[8:]))
		if off+size > len(icc) {
			t.Fatalf("%s: tag %s out of the profile", name, e[:4])
		}
		tags[string(e[:4])] = icc[off : off+size]
	}
	return tags
}

// TestProfiles checks the embedded profiles are what icc/README.md says:
// an output (prtr) CMYK profile to Lab, ICC version 2, whose description
// and characterization target name the registered data it was made from,
// and a version 2 sRGB display profile.
func TestProfiles(t *testing.T) {
	tags := iccTags(t, "newsprint.icc", newsprintICC)
	h := newsprintICC
	if string(h[12:16]) != "prtr" || string(h[16:20]) != "CMYK" || string(h[20:24]) != "Lab " || h[8] != 2 {
		t.Errorf("newsprint.icc: class %q, space %q, PCS %q, version %d", h[12:16], h[16:20], h[20:24], h[8])
	}
	if targ := string(tags["targ"]); !strings.Contains(targ, "ICCHDAT "+outputCondition) {
		t.Errorf("newsprint.icc: charTargetTag %q, want ICCHDAT %s", targ, outputCondition)
	}
	if desc := string(tags["desc"]); !strings.Contains(desc, "Based on "+outputCondition) {
		t.Errorf("newsprint.icc: description %q does not name %s", desc, outputCondition)
	}
	iccTags(t, "srgb.icc", srgbICC)
	if h := srgbICC; string(h[12:16]) != "mntr" || string(h[16:20]) != "RGB " || h[8] != 2 {
		t.Errorf("srgb.icc: class %q, space %q, version %d", h[12:16], h[16:20], h[8])
	}
}
