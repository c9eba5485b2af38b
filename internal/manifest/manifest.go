// Package manifest reads an issue manifest: the YAML file in which editors
// pick and order the posts of one issue.
package manifest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/post"
	"github.com/redtide/edition/internal/site"
)

// Manifest is one issue. Post paths are slash-separated and relative to
// the manifest's folder (Root); they may not leave the site's root folder
// (Site.Root), which is the manifest's folder unless the manifest names
// another (site:) or a _config.yml is found above it.
type Manifest struct {
	Path        string // the manifest file, for messages
	Root        string // folder that holds the manifest; the cover and fonts are read from inside it
	Site        *site.Site
	SiteLine    int // manifest line of site:, 0 when the site was found or is the manifest's folder
	Publication string
	Title       string
	Volume      int
	Number      int
	Date        time.Time
	Language    string
	Publisher   string
	Editors     []string
	Description string
	Rights      string // copyright or licence statement (the EPUB's dc:rights), optional
	Cover       string // image path, optional
	// Authors maps author handles (or names as written) to the names to
	// print; it overrides the site's _data/authors.yml.
	Authors  map[string]string
	Sections []Section
	Print    Print
	Fonts    Fonts
}

// Section is a titled, ordered list of posts.
type Section struct {
	Title string
	Posts []Entry
}

// Entry is one post reference with its manifest line.
type Entry struct {
	Path string
	Line int
}

// Print holds the print shop settings; zero values mean the layout's
// defaults.
type Print struct {
	Trim          string // "A4", "Letter", "tabloid", "A5" or "210mm x 297mm"
	Bleed         string // length, e.g. "3mm"
	CropMarks     bool
	Columns       int
	PadToMultiple int
	Margins       string // one length for all four margins, optional
	BodySize      string // e.g. "10pt", optional
	// KeepResolution keeps images printed above 600 ppi at full size
	// (downsample: false); by default they are downsampled to 300 ppi.
	KeepResolution bool
	Line           int // manifest line of the print block, for messages
}

// Fonts names TrueType files for the text face, relative to Root.
type Fonts struct {
	Regular, Italic, Bold, BoldItalic string
	Line                              int
}

type rawManifest struct {
	Publication string            `yaml:"publication"`
	Title       string            `yaml:"title"`
	Volume      int               `yaml:"volume"`
	Number      int               `yaml:"number"`
	Issue       int               `yaml:"issue"`
	Date        string            `yaml:"date"`
	Language    string            `yaml:"language"`
	Lang        string            `yaml:"lang"`
	Publisher   string            `yaml:"publisher"`
	Editors     []string          `yaml:"editors"`
	Description string            `yaml:"description"`
	Rights      string            `yaml:"rights"`
	Cover       string            `yaml:"cover"`
	Site        string            `yaml:"site"`
	Authors     map[string]string `yaml:"authors"`
	Sections    []rawSection      `yaml:"sections"`
	Posts       []yaml.Node       `yaml:"posts"`
	Print       *rawPrint         `yaml:"print"`
	Fonts       *rawFonts         `yaml:"fonts"`
}

type rawSection struct {
	Title string      `yaml:"title"`
	Posts []yaml.Node `yaml:"posts"`
}

type rawPrint struct {
	Trim          string `yaml:"trim"`
	Bleed         string `yaml:"bleed"`
	CropMarks     bool   `yaml:"crop_marks"`
	Columns       int    `yaml:"columns"`
	PadToMultiple int    `yaml:"pad_to_multiple"`
	Margins       string `yaml:"margins"`
	BodySize      string `yaml:"body_size"`
	Downsample    *bool  `yaml:"downsample"`
}

type rawFonts struct {
	Regular    string `yaml:"regular"`
	Italic     string `yaml:"italic"`
	Bold       string `yaml:"bold"`
	BoldItalic string `yaml:"bold_italic"`
}

// Load reads and validates the manifest at file.
func Load(file string) (*Manifest, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, &diag.Error{Path: file, Err: unwrapPathError(err)}
	}
	return Parse(file, data)
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Parse reads a manifest from data; file names it in messages and fixes
// the root folder. It locates the site the posts belong to (the folder
// named by site:, else the nearest _config.yml above file, see package
// site), reading its _config.yml.
func Parse(file string, data []byte) (*Manifest, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlErr(file, err)
	}
	if len(root.Content) == 0 {
		return nil, diag.Errorf(file, 1, "empty manifest: it needs at least publication, date and posts")
	}
	var raw rawManifest
	dec := root.Content[0]
	if dec.Kind != yaml.MappingNode {
		return nil, diag.Errorf(file, dec.Line, "manifest must be a mapping of keys to values")
	}
	var errs []error
	checkKeys(file, dec, known, "", &errs)
	if err := dec.Decode(&raw); err != nil {
		errs = append(errs, yamlErr(file, err))
		return nil, diag.Join(errs...)
	}
	m := &Manifest{
		Path:        file,
		Root:        filepath.Dir(file),
		Publication: strings.TrimSpace(raw.Publication),
		Title:       raw.Title,
		Volume:      raw.Volume,
		Number:      raw.Number,
		Language:    firstNonEmpty(raw.Language, raw.Lang, "en"),
		Publisher:   raw.Publisher,
		Editors:     raw.Editors,
		Description: raw.Description,
		Rights:      strings.TrimSpace(raw.Rights),
		Cover:       raw.Cover,
		Authors:     raw.Authors,
	}
	if m.Number == 0 {
		m.Number = raw.Issue
	}
	line := func(key string) int { return keyLine(dec, key) }
	if m.Publication == "" {
		errs = append(errs, diag.Errorf(file, max(line("publication"), 1), "publication: required"))
	}
	if raw.Date == "" {
		errs = append(errs, diag.Errorf(file, max(line("date"), 1), "date: required (YYYY-MM-DD)"))
	} else if t, err := post.ParseDate(raw.Date); err != nil {
		errs = append(errs, diag.Errorf(file, line("date"), "date: %v", err))
	} else {
		m.Date = t
	}
	if m.Volume < 0 || m.Number < 0 {
		errs = append(errs, diag.Errorf(file, line("number"), "volume and number must not be negative"))
	}
	if m.Cover != "" {
		if err := CheckRel(m.Cover); err != nil {
			errs = append(errs, diag.Errorf(file, line("cover"), "cover: %v", err))
		}
	}
	st, err := locateSite(file, m.Root, raw.Site, line("site"))
	if err != nil {
		return nil, diag.Join(append(errs, err)...)
	}
	m.Site, m.SiteLine = st, line("site")
	if raw.Site == "" {
		m.SiteLine = 0
	}
	seen := map[string]int{}
	entries := func(nodes []yaml.Node) []Entry {
		var out []Entry
		for i := range nodes {
			n := &nodes[i]
			if n.Kind != yaml.ScalarNode || strings.TrimSpace(n.Value) == "" {
				errs = append(errs, diag.Errorf(file, n.Line, "posts: each entry must be a file name"))
				continue
			}
			p := strings.TrimSpace(n.Value)
			if err := m.checkPost(p); err != nil {
				errs = append(errs, diag.Errorf(file, n.Line, "post %q: %v", p, err))
				continue
			}
			written := p
			p = path.Clean(filepath.ToSlash(p))
			if first, dup := seen[p]; dup {
				errs = append(errs, diag.Errorf(file, n.Line, "post %q is listed twice (first on line %d)", written, first))
				continue
			}
			seen[p] = n.Line
			out = append(out, Entry{Path: p, Line: n.Line})
		}
		return out
	}
	if len(raw.Posts) > 0 && len(raw.Sections) > 0 {
		errs = append(errs, diag.Errorf(file, line("posts"), "give either posts or sections, not both"))
	}
	if len(raw.Posts) > 0 {
		m.Sections = append(m.Sections, Section{Posts: entries(raw.Posts)})
	}
	for _, s := range raw.Sections {
		m.Sections = append(m.Sections, Section{Title: s.Title, Posts: entries(s.Posts)})
	}
	total := 0
	for _, s := range m.Sections {
		total += len(s.Posts)
	}
	if total == 0 && len(errs) == 0 {
		errs = append(errs, diag.Errorf(file, 1, "the manifest lists no posts (use posts: or sections:)"))
	}
	if raw.Print != nil {
		m.Print = Print{
			Trim: raw.Print.Trim, Bleed: raw.Print.Bleed, CropMarks: raw.Print.CropMarks,
			Columns: raw.Print.Columns, PadToMultiple: raw.Print.PadToMultiple,
			Margins: raw.Print.Margins, BodySize: raw.Print.BodySize, Line: line("print"),
			KeepResolution: raw.Print.Downsample != nil && !*raw.Print.Downsample,
		}
	}
	if raw.Fonts != nil {
		m.Fonts = Fonts{Regular: raw.Fonts.Regular, Italic: raw.Fonts.Italic, Bold: raw.Fonts.Bold,
			BoldItalic: raw.Fonts.BoldItalic, Line: line("fonts")}
		for _, f := range []string{m.Fonts.Regular, m.Fonts.Italic, m.Fonts.Bold, m.Fonts.BoldItalic} {
			if f == "" {
				continue
			}
			if err := CheckRel(f); err != nil {
				errs = append(errs, diag.Errorf(file, m.Fonts.Line, "font %q: %v", f, err))
			}
		}
		if m.Fonts.Regular == "" {
			errs = append(errs, diag.Errorf(file, m.Fonts.Line, "fonts: regular is required when fonts are given"))
		}
	}
	if len(errs) > 0 {
		return nil, diag.Join(errs...)
	}
	return m, nil
}

// CheckRel refuses paths that could leave the manifest's folder. Symlinks
// are checked when the file is opened (see Open).
func CheckRel(p string) error { return site.CheckRel(p, "the manifest's folder") }

// Open reads the file at rel (slash-separated, relative to root), refusing
// anything whose real location, symlinks resolved, is outside root.
func Open(root, rel string) ([]byte, error) {
	if err := CheckRel(rel); err != nil {
		return nil, err
	}
	return site.ReadFile(root, rel)
}

// locateSite finds the site of the manifest at file: the folder its
// site: names, else the nearest folder above holding _config.yml.
func locateSite(file, root, declared string, line int) (*site.Site, error) {
	if declared != "" {
		if strings.Contains(declared, "://") || filepath.IsAbs(declared) || strings.HasPrefix(declared, "/") {
			return nil, diag.Errorf(file, line, "site: give the site's folder relative to the manifest, e.g. site: ..")
		}
	}
	st, err := site.Locate(root, filepath.ToSlash(declared))
	if err != nil {
		var de *diag.Error
		if errors.As(err, &de) {
			return nil, err
		}
		return nil, diag.Errorf(file, line, "%v", err)
	}
	return st, nil
}

// checkPost refuses a post path that is remote, absolute, or leaves the
// site's folder (the manifest's, without a site).
func (m *Manifest) checkPost(p string) error {
	if m.Site == nil || m.Site.Root == filepath.Clean(m.Root) {
		return CheckRel(p)
	}
	if err := site.CheckRel(p, "the site's folder"); err == nil {
		return nil
	} else if strings.Contains(p, "://") || filepath.IsAbs(p) || strings.HasPrefix(p, "/") {
		return err
	}
	if _, ok := m.Site.Rel(filepath.Join(m.Root, filepath.FromSlash(p))); !ok {
		return fmt.Errorf("path leaves the site's folder %s", m.Site.Root)
	}
	return nil
}

// PostFile returns where the post of e is read from: the site's root and
// the post's path relative to it.
func (m *Manifest) PostFile(e Entry) (root, rel string) {
	if m.Site == nil {
		return m.Root, e.Path
	}
	r, ok := m.Site.Rel(filepath.Join(m.Root, filepath.FromSlash(e.Path)))
	if !ok {
		return m.Root, e.Path
	}
	return m.Site.Root, r
}

func yamlErr(file string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var errs []error
		for _, e := range te.Errors {
			errs = append(errs, lineErr(file, "yaml: "+e))
		}
		return diag.Join(errs...)
	}
	return lineErr(file, err.Error())
}

func lineErr(file, msg string) error {
	var n int
	rest := msg
	if _, err := fmt.Sscanf(msg, "yaml: line %d:", &n); err == nil {
		_, rest, _ = strings.Cut(msg, ": ")
		_, rest, _ = strings.Cut(rest, ": ")
	} else {
		rest = strings.TrimPrefix(msg, "yaml: ")
	}
	return diag.Errorf(file, n, "malformed manifest: %s", rest)
}

func keyLine(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return 0
}

// known lists the keys a manifest may have, by block.
var known = map[string][]string{
	"":         {"publication", "title", "volume", "number", "issue", "date", "language", "lang", "publisher", "editors", "description", "rights", "cover", "site", "authors", "sections", "posts", "print", "fonts"},
	"sections": {"title", "posts"},
	"print":    {"trim", "bleed", "crop_marks", "columns", "pad_to_multiple", "margins", "body_size", "downsample"},
	"fonts":    {"regular", "italic", "bold", "bold_italic"},
}

// checkKeys reports unknown keys with their line: a misspelt key would
// otherwise be silently ignored.
func checkKeys(file string, m *yaml.Node, keys map[string][]string, block string, errs *[]error) {
	allowed := map[string]bool{}
	for _, k := range keys[block] {
		allowed[k] = true
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if !allowed[k.Value] {
			where := "manifest"
			if block != "" {
				where = block
			}
			*errs = append(*errs, diag.Errorf(file, k.Line, "unknown %s key %q", where, k.Value))
			continue
		}
		if block != "" {
			continue
		}
		switch k.Value {
		case "print", "fonts":
			if v.Kind == yaml.MappingNode {
				checkKeys(file, v, keys, k.Value, errs)
			}
		case "sections":
			if v.Kind == yaml.SequenceNode {
				for _, s := range v.Content {
					if s.Kind == yaml.MappingNode {
						checkKeys(file, s, keys, "sections", errs)
					}
				}
			}
		}
	}
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
