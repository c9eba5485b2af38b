package hyph

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// patterns is one language's compiled patterns and hyphenation
// exceptions.
type patterns struct {
	liang *liang
	// exceptions are TeX's \hyphenation list: a word (lower case, with
	// the straight apostrophe) and the rune positions after which it
	// breaks, instead of what the patterns say.
	exceptions map[string][]uint8
}

// breaks appends to out the positions (in runes) after which the word
// may be broken, before the minimums are applied: an exception's, else
// the patterns'.
func (p *patterns) breaks(runes []rune, out []int) []int {
	if len(p.exceptions) > 0 {
		if pos, ok := p.exceptions[string(runes)]; ok {
			for _, i := range pos {
				out = append(out, int(i))
			}
			return out
		}
	}
	return p.liang.hyphenate(runes, out)
}

// The pattern files a language's folder may hold, told apart by name.
const (
	extPatterns   = ".pat.txt" // hyph-utf8: whitespace-separated patterns, UTF-8
	extExceptions = ".hyp.txt" // hyph-utf8: hyphenated words, UTF-8
	extDic        = ".dic"     // libhyphen (LibreOffice): a charset line, then patterns
)

// Compile reads the pattern files in dir of fsys (hyph-utf8's *.pat.txt
// and *.hyp.txt, or libhyphen's *.dic) and returns the language's trie
// file, with a first line saying it was generated from them. It is the
// work of go generate (see gen/), exported for it.
func Compile(fsys fs.FS, dir string) ([]byte, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var pats, excs bytes.Buffer
	var used []string
	for _, e := range entries { // sorted by name
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, extPatterns) || strings.HasSuffix(name, extExceptions) || strings.HasSuffix(name, extDic)) {
			continue
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		switch {
		case strings.HasSuffix(name, extExceptions):
			excs.Write(b)
		case strings.HasSuffix(name, extDic):
			if b, err = readDic(b); err != nil {
				return nil, fmt.Errorf("%s: %w", path.Join(dir, name), err)
			}
			pats.Write(b)
		default:
			if !utf8.Valid(b) {
				return nil, fmt.Errorf("%s: not UTF-8", path.Join(dir, name))
			}
			pats.Write(b)
		}
		pats.WriteByte('\n')
		used = append(used, name)
	}
	if len(used) == 0 {
		return nil, fmt.Errorf("%s: no pattern files (*%s, *%s, *%s)", dir, extPatterns, extExceptions, extDic)
	}
	l, err := parseLiang(&pats)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	exc, err := parseExceptions(excs.String())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	p := &patterns{liang: l, exceptions: exc}
	header := fmt.Sprintf("%s %s (%s). DO NOT EDIT.\n", generatedPrefix, path.Clean(dir), strings.Join(used, ", "))
	return p.appendBinary([]byte(header)), nil
}

// readDic converts a pattern file in libhyphen's format to plain
// patterns: its first line names the character set (UTF-8 or ISO8859-1);
// lines starting with '%' or '#' are comments. The keyword lines
// LEFTHYPHENMIN, RIGHTHYPHENMIN, COMPOUNDLEFTHYPHENMIN,
// COMPOUNDRIGHTHYPHENMIN and NOHYPHEN are dropped: the minimums come from
// package lang, and Hyphenate keeps breaks away from hyphens and
// apostrophes itself. Two-level files (NEXTLEVEL) and non-standard
// hyphenation ("ff1/f=f,1,2") are errors.
func readDic(b []byte) ([]byte, error) {
	charset, rest, _ := bytes.Cut(b, []byte("\n"))
	switch cs := strings.ToUpper(strings.TrimSpace(string(charset))); cs {
	case "UTF-8":
		if !utf8.Valid(rest) {
			return nil, fmt.Errorf("not UTF-8")
		}
	case "ISO8859-1", "ISO-8859-1":
		var u []byte
		for _, c := range rest {
			u = utf8.AppendRune(u, rune(c)) // Latin-1 is the first 256 code points
		}
		rest = u
	default:
		return nil, fmt.Errorf("character set %q: only UTF-8 and ISO8859-1 are read", cs)
	}
	var out bytes.Buffer
	s := bufio.NewScanner(bytes.NewReader(rest))
	s.Buffer(nil, 1<<20)
	for line := 2; s.Scan(); line++ {
		text := strings.TrimSpace(s.Text())
		keyword, _, _ := strings.Cut(text, " ")
		switch {
		case text == "" || text[0] == '%' || text[0] == '#':
		case keyword == "NEXTLEVEL":
			return nil, fmt.Errorf("line %d: two-level (compound) pattern files are not supported", line)
		case strings.Trim(keyword, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "":
			// LEFTHYPHENMIN 2, NOHYPHEN -, …
		case strings.ContainsAny(text, "/="):
			return nil, fmt.Errorf("line %d: non-standard hyphenation %q is not supported", line, text)
		default:
			out.WriteString(text)
			out.WriteByte('\n')
		}
	}
	return out.Bytes(), s.Err()
}

// parseExceptions reads TeX's \hyphenation list as hyph-utf8's .hyp.txt
// files give it: whitespace-separated words with a hyphen at each break
// ("as-so-ciate"). A word given twice keeps its last hyphenation, as in
// TeX.
func parseExceptions(s string) (map[string][]uint8, error) {
	m := map[string][]uint8{}
	for _, w := range strings.Fields(s) {
		var word []rune
		var pos []uint8
		for _, r := range w {
			switch {
			case r == '-':
				if len(word) == 0 || len(pos) > 0 && int(pos[len(pos)-1]) == len(word) {
					return nil, fmt.Errorf("exception %q: misplaced hyphen", w)
				}
				pos = append(pos, uint8(len(word)))
			case unicode.IsLetter(r) || isApostrophe(r):
				if r == '’' {
					r = '\''
				}
				word = append(word, unicode.ToLower(r))
				if len(word) > 255 {
					return nil, fmt.Errorf("exception %q: too long", w)
				}
			default:
				return nil, fmt.Errorf("exception %q: %s is not a letter", w, strconv.QuoteRune(r))
			}
		}
		if len(pos) > 0 && int(pos[len(pos)-1]) == len(word) {
			return nil, fmt.Errorf("exception %q: misplaced hyphen", w)
		}
		m[string(word)] = pos
	}
	return m, nil
}

// sortedExceptions returns the exception words in order, for a
// reproducible trie file.
func (p *patterns) sortedExceptions() []string {
	words := make([]string, 0, len(p.exceptions))
	for w := range p.exceptions {
		words = append(words, w)
	}
	slices.Sort(words)
	return words
}
