package hyph

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"
)

var updateTrie = flag.Bool("update-trie", false, "rewrite the .trie files from the .pat files")

// TestTrieUpToDate: the embedded English trie is exactly the parsed
// pattern file.
func TestTrieUpToDate(t *testing.T) {
	l, err := parseLiang(strings.NewReader(enUSPatterns))
	if err != nil {
		t.Fatal(err)
	}
	want := l.appendBinary(nil)
	if *updateTrie {
		if err := os.WriteFile("hyph_en_US.trie", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(enUSTrie, want) {
		t.Fatal("hyph_en_US.trie is stale: run go test ./hyph -run TrieUpToDate -update-trie")
	}
	got, err := readLiang(enUSTrie)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, l) {
		t.Error("reading the trie back does not give the parsed patterns")
	}
}

// TestGermanTrieUpToDate: the embedded German pattern set is exactly the
// parsed pattern file.
func TestGermanTrieUpToDate(t *testing.T) {
	p, err := parseDE()
	if err != nil {
		t.Fatal(err)
	}
	want := p.appendBinary(nil)
	if *updateTrie {
		if err := os.WriteFile("hyph_de.trie", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(deTrie, want) {
		t.Fatal("hyph_de.trie is stale: run go test ./hyph -run TrieUpToDate -update-trie")
	}
	got, err := readPatterns(deTrie)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, p) {
		t.Error("reading the German set back does not give the parsed patterns")
	}
	if _, err := readPatterns(deTrie[:len(deTrie)-1]); err == nil {
		t.Error("truncated German set accepted")
	}
}

// TestReadLiangCorrupt: truncated or altered tries are errors, never a
// trie with out-of-range links.
func TestReadLiangCorrupt(t *testing.T) {
	for _, n := range []int{0, 3, 10, 300, len(enUSTrie) / 2, len(enUSTrie) - 1} {
		if _, err := readLiang(enUSTrie[:n]); err == nil {
			t.Errorf("trie cut to %d bytes accepted", n)
		}
	}
	bad := append([]byte(nil), enUSTrie...)
	// The first edge's target, far out of range.
	off := len(trieMagic) + 2 + 256 + 4*256
	off += 4 + int(uint32(bad[off])|uint32(bad[off+1])<<8|uint32(bad[off+2])<<16|uint32(bad[off+3])<<24)*4
	off += 4 + 1
	bad[off+3] = 0x7f
	if _, err := readLiang(bad); err == nil {
		t.Error("edge to a missing node accepted")
	}
}

func FuzzReadLiang(f *testing.F) {
	f.Add(enUSTrie[:2000])
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := readLiang(b)
		if err != nil {
			return
		}
		l.hyphenate([]rune("hyphenation"), nil) // must not panic
	})
}

func BenchmarkReadTrie(b *testing.B) {
	for b.Loop() {
		if _, err := readLiang(enUSTrie); err != nil {
			b.Fatal(err)
		}
	}
}
