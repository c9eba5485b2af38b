package edition

import "testing"

// TestMayCrossRef checks that mayCrossRef lets through every key crossRef
// matches, on the prefixes crossRef names and others, followed by each
// separator and by none.
func TestMayCrossRef(t *testing.T) {
	prefixes := []string{"fig", "tbl", "eq", "sec", "lst", "thm", "lem", "cor", "prp", "cnj", "def", "exm", "exr",
		"sol", "rem", "alg", "apx", "", "e", "fi", "figs", "Fig", "doe"}
	matched := 0
	for _, p := range prefixes {
		for _, sep := range []string{"-", ":", "_", ""} {
			for _, rest := range []string{"", "map", "1"} {
				key := p + sep + rest
				if crossRef().MatchString(key) {
					matched++
					if !mayCrossRef(key) {
						t.Errorf("mayCrossRef(%q) = false, but crossRef matches it", key)
					}
				}
			}
		}
	}
	if matched != 17*2*3 {
		t.Errorf("crossRef matched %d keys, want %d", matched, 17*2*3)
	}
	for _, key := range []string{"doe99", "w123", "knuth:1984", "", "a"} {
		if mayCrossRef(key) {
			t.Errorf("mayCrossRef(%q) = true, want false", key)
		}
	}
}
