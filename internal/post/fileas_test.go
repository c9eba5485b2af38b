package post

import "testing"

func TestFileAs(t *testing.T) {
	for _, c := range [][2]string{
		{"Maya Okonkwo-Reyes", "Okonkwo-Reyes, Maya"},
		{"Ruth Abramowitz", "Abramowitz, Ruth"},
		{"Vincent van Gogh", "van Gogh, Vincent"},
		{"Ludwig van der Rohe", "van der Rohe, Ludwig"},
		{"Martin Luther King, Jr.", "King, Martin Luther, Jr."},
		{"Martin Luther King Jr.", "King, Martin Luther, Jr."},
		{"Plato", "Plato"},
		{"The Red Tide Collective", "The Red Tide Collective"},
		{"Marx & Engels Institute", "Marx & Engels Institute"},
		{"Smith et al.", "Smith et al."},
		{"  Ana   Editor ", "Editor, Ana"},
		{"J. R. R. Tolkien", "Tolkien, J. R. R."},
		{"bell hooks", "hooks, bell"},
	} {
		if got := FileAs(c[0]); got != c[1] {
			t.Errorf("FileAs(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}
