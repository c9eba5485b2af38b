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
	"reflect"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/post"
	"github.com/redtide/edition/internal/printset"
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
	Price       string // printed in the masthead, optional
	Tagline     string // printed under the publication's name, optional
	// Lead is the post that opens the front page (a path as the sections
	// give it); "" means the first post.
	Lead     string
	LeadLine int
	// CSL is the citation style of posts that name none (a CSL file,
	// relative to the manifest's folder, or the name of a built-in style);
	// CSLLine is its line, for messages.
	CSL     string
	CSLLine int
	// Authors maps author handles (or names as written) to the names to
	// print; it overrides the site's _data/authors.yml.
	Authors  map[string]string
	Sections []Section
	Print    Print
	Fonts    Fonts

	files *site.Files // for Open: the roots' links resolved once per build
}

// Section is a titled, ordered list of posts.
type Section struct {
	Title string
	Start model.Start // where each of its articles starts in print
	Posts []Entry
}

// Entry is one post reference with its manifest line.
type Entry struct {
	Path string
	Line int
}

// Print holds the print shop settings as written (package printset
// documents them); layout.NewConfig resolves and checks them when the
// edition is built or checked.
type Print struct {
	printset.Settings
	Line int // manifest line of the print block, for messages
}

// Fonts names TrueType files for the text face, relative to Root.
type Fonts struct {
	Regular, Italic, Bold, BoldItalic string
	Line                              int
}

type rawManifest struct {
	Publication string             `yaml:"publication"`
	Title       string             `yaml:"title"`
	Volume      int                `yaml:"volume"`
	Number      int                `yaml:"number"`
	Issue       int                `yaml:"issue"`
	Date        string             `yaml:"date"`
	Language    string             `yaml:"language"`
	Lang        string             `yaml:"lang"`
	Publisher   string             `yaml:"publisher"`
	Editors     []string           `yaml:"editors"`
	Description string             `yaml:"description"`
	Rights      string             `yaml:"rights"`
	Cover       string             `yaml:"cover"`
	Price       string             `yaml:"price"`
	Tagline     string             `yaml:"tagline"`
	Lead        string             `yaml:"lead"`
	Site        string             `yaml:"site"`
	CSL         string             `yaml:"csl"`
	Authors     map[string]string  `yaml:"authors"`
	Sections    []rawSection       `yaml:"sections"`
	Posts       []yaml.Node        `yaml:"posts"`
	Print       *printset.Settings `yaml:"print"`
	Fonts       *rawFonts          `yaml:"fonts"`
}

type rawSection struct {
	Title string      `yaml:"title"`
	Start string      `yaml:"start"`
	Posts []yaml.Node `yaml:"posts"`
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
	dec, err := mapping(file, data)
	if err != nil {
		return nil, err
	}
	ps := &parser{file: file, dec: dec, seen: map[string]int{}}
	checkKeys(file, dec, known, "", &ps.errs)
	var raw rawManifest
	if err := dec.Decode(&raw); err != nil {
		ps.errs = append(ps.errs, yamlErr(file, err))
		return nil, diag.Join(ps.errs...)
	}
	ps.meta(&raw)
	st, err := locateSite(file, ps.m.Root, raw.Site, ps.line("site"))
	if err != nil {
		return nil, diag.Join(append(ps.errs, err)...)
	}
	ps.m.Site, ps.m.SiteLine = st, ps.line("site")
	if raw.Site == "" {
		ps.m.SiteLine = 0
	}
	ps.sections(&raw)
	ps.print(raw.Print)
	ps.fonts(raw.Fonts)
	if len(ps.errs) > 0 {
		return nil, diag.Join(ps.errs...)
	}
	return ps.m, nil
}

// mapping is the top-level mapping of a manifest's YAML.
func mapping(file string, data []byte) (*yaml.Node, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlErr(file, err)
	}
	if len(root.Content) == 0 {
		return nil, diag.Errorf(file, 1, "empty manifest: it needs at least publication, date and posts")
	}
	dec := root.Content[0]
	if dec.Kind != yaml.MappingNode {
		return nil, diag.Errorf(file, dec.Line, "manifest must be a mapping of keys to values")
	}
	return dec, nil
}

// parser is the state of Parse: the manifest so far and every problem
// met, so that one run reports them all.
type parser struct {
	file string
	dec  *yaml.Node // the top-level mapping, for lines
	m    *Manifest
	errs []error
	seen map[string]int // post paths listed, with their lines
}

func (ps *parser) line(key string) int { return keyLine(ps.dec, key) }

func (ps *parser) errorf(line int, format string, args ...any) {
	ps.errs = append(ps.errs, diag.Errorf(ps.file, line, format, args...))
}

// meta reads the issue's metadata.
func (ps *parser) meta(raw *rawManifest) {
	m := &Manifest{
		Path:        ps.file,
		Root:        filepath.Dir(ps.file),
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
		Price:       strings.TrimSpace(raw.Price),
		Tagline:     strings.TrimSpace(raw.Tagline),
		Authors:     raw.Authors,
		CSL:         strings.TrimSpace(raw.CSL),
		files:       &site.Files{},
	}
	m.CSLLine = ps.line("csl")
	ps.m = m
	if m.Number == 0 {
		m.Number = raw.Issue
	}
	if m.Publication == "" {
		ps.errorf(max(ps.line("publication"), 1), "publication: required")
	}
	if raw.Date == "" {
		ps.errorf(max(ps.line("date"), 1), "date: required (YYYY-MM-DD)")
	} else if t, err := post.ParseDate(raw.Date); err != nil {
		ps.errorf(ps.line("date"), "date: %v", err)
	} else {
		m.Date = t
	}
	if m.Volume < 0 || m.Number < 0 {
		ps.errorf(ps.line("number"), "volume and number must not be negative")
	}
	if m.Cover != "" {
		if err := CheckRel(m.Cover); err != nil {
			ps.errorf(ps.line("cover"), "cover: %v", err)
		}
	}
}

// entries reads a list of posts; a post listed twice in the manifest is
// an error.
func (ps *parser) entries(nodes []yaml.Node) []Entry {
	var out []Entry
	for i := range nodes {
		n := &nodes[i]
		if n.Kind != yaml.ScalarNode || strings.TrimSpace(n.Value) == "" {
			ps.errorf(n.Line, "posts: each entry must be a file name")
			continue
		}
		p := strings.TrimSpace(n.Value)
		if err := ps.m.checkPost(p); err != nil {
			ps.errorf(n.Line, "post %q: %v", p, err)
			continue
		}
		written := p
		p = path.Clean(filepath.ToSlash(p))
		if first, dup := ps.seen[p]; dup {
			ps.errorf(n.Line, "post %q is listed twice (first on line %d)", written, first)
			continue
		}
		ps.seen[p] = n.Line
		out = append(out, Entry{Path: p, Line: n.Line})
	}
	return out
}

// sections reads the posts, flat or in sections with their starts, and
// the lead, which must be one of them.
func (ps *parser) sections(raw *rawManifest) {
	m := ps.m
	if len(raw.Posts) > 0 && len(raw.Sections) > 0 {
		ps.errorf(ps.line("posts"), "give either posts or sections, not both")
	}
	if len(raw.Posts) > 0 {
		m.Sections = append(m.Sections, Section{Posts: ps.entries(raw.Posts)})
	}
	for i, s := range raw.Sections {
		start, ok := model.ParseStart(strings.TrimSpace(s.Start))
		if !ok {
			ps.errorf(sectionKeyLine(ps.dec, i, "start"), "start %q: want page, column or run-on", s.Start)
		}
		m.Sections = append(m.Sections, Section{Title: s.Title, Start: start, Posts: ps.entries(s.Posts)})
	}
	if raw.Lead != "" {
		m.Lead, m.LeadLine = path.Clean(filepath.ToSlash(strings.TrimSpace(raw.Lead))), ps.line("lead")
		if _, listed := ps.seen[m.Lead]; !listed {
			ps.errorf(m.LeadLine, "lead %q is not one of the posts listed", raw.Lead)
		}
	}
	if len(ps.seen) == 0 && len(ps.errs) == 0 {
		ps.errorf(1, "the manifest lists no posts (use posts: or sections:)")
	}
}

// print reads the print settings; their values are checked where they
// are resolved (layout.NewConfig, through pipeline.PrintConfig).
func (ps *parser) print(p *printset.Settings) {
	if p == nil {
		return
	}
	ps.m.Print = Print{Settings: *p, Line: ps.line("print")}
}

// fonts reads the text face's files.
func (ps *parser) fonts(f *rawFonts) {
	if f == nil {
		return
	}
	m := ps.m
	m.Fonts = Fonts{Regular: f.Regular, Italic: f.Italic, Bold: f.Bold, BoldItalic: f.BoldItalic, Line: ps.line("fonts")}
	for _, f := range []string{m.Fonts.Regular, m.Fonts.Italic, m.Fonts.Bold, m.Fonts.BoldItalic} {
		if f == "" {
			continue
		}
		if err := CheckRel(f); err != nil {
			ps.errorf(m.Fonts.Line, "font %q: %v", f, err)
		}
	}
	if m.Fonts.Regular == "" {
		ps.errorf(m.Fonts.Line, "fonts: regular is required when fonts are given")
	}
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

// Open is the package's Open, for the build of m: each root's links are
// resolved once (site.Files).
func (m *Manifest) Open(root, rel string) ([]byte, error) {
	if err := CheckRel(rel); err != nil {
		return nil, err
	}
	return m.files.ReadFile(root, rel)
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

// sectionKeyLine is the line of key in section i, else of the section.
func sectionKeyLine(root *yaml.Node, i int, key string) int {
	for j := 0; j+1 < len(root.Content); j += 2 {
		if root.Content[j].Value != "sections" {
			continue
		}
		if s := root.Content[j+1]; s.Kind == yaml.SequenceNode && i < len(s.Content) {
			if l := keyLine(s.Content[i], key); l > 0 {
				return l
			}
			return s.Content[i].Line
		}
	}
	return 0
}

func keyLine(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return 0
}

// known lists the keys a manifest may have, by block: the yaml tags of
// the structs the blocks decode into, so that a key added to a struct is
// known without being listed again.
var known = map[string][]string{
	"":         yamlKeys(reflect.TypeFor[rawManifest]()),
	"sections": yamlKeys(reflect.TypeFor[rawSection]()),
	"print":    yamlKeys(reflect.TypeFor[printset.Settings]()),
	"fonts":    yamlKeys(reflect.TypeFor[rawFonts]()),
}

// yamlKeys returns the keys that the yaml tags of struct type t name.
func yamlKeys(t reflect.Type) []string {
	var keys []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	return keys
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
