package imgcache

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://img.example.org/a.png", "https://img.example.org/a.png"},
		{"//img.example.org/a.png", "https://img.example.org/a.png"},
		{"HTTPS://IMG.Example.org/A.png#top", "https://img.example.org/A.png"},
		{" http://x.org/a b.png ", "http://x.org/a%20b.png"},
		{"https://x.org/a.png?w=300", "https://x.org/a.png?w=300"},
	} {
		if got := Key(c.in); got != c.want {
			t.Errorf("Key(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestIndex: the index survives a save and a load; entries that would
// make a build read outside the cache are dropped; a file is checked
// against its entry.
func TestIndex(t *testing.T) {
	root := t.TempDir()
	x, err := Load(root)
	if err != nil || x.Len() != 0 {
		t.Fatalf("a site without a cache: %v, %d entries", err, x.Len())
	}
	data := []byte("image bytes")
	h := sha256.Sum256(data)
	e := Entry{URL: "https://x.org/a.png", File: hex.EncodeToString(h[:]) + ".png", SHA256: hex.EncodeToString(h[:]),
		Size: int64(len(data)), ContentType: "image/png", Fetched: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	x.Put(e)
	x.Put(Entry{URL: "https://x.org/evil.png", File: "../../etc/passwd", SHA256: "00", Size: 1})
	x.Put(Entry{URL: "https://x.org/temp.png", File: TempPrefix + "1", SHA256: "00", Size: 1})
	if err := x.Save(root); err != nil {
		t.Fatal(err)
	}
	y, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := y.Lookup(e.URL); !ok || got != e {
		t.Errorf("entry after a round trip: %+v, want %+v", got, e)
	}
	for _, u := range []string{"https://x.org/evil.png", "https://x.org/temp.png"} {
		if _, ok := y.Lookup(u); ok {
			t.Errorf("entry of %s kept", u)
		}
	}
	if err := Verify(e, data); err != nil {
		t.Error(err)
	}
	if Verify(e, []byte("image bytez")) == nil || Verify(e, data[:4]) == nil {
		t.Error("other bytes verified")
	}
	ents, _ := os.ReadDir(Folder(root))
	if len(ents) != 1 || ents[0].Name() != IndexName {
		t.Errorf("cache folder holds %v, want the index alone", ents)
	}
	if err := os.WriteFile(filepath.Join(Folder(root), IndexName), []byte("{broken"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(root); err == nil {
		t.Error("a broken index loaded")
	}
}
