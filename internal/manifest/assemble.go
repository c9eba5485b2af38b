package manifest

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/post"
)

// notPost names Markdown files that document a folder rather than being
// posts, when they have no front matter.
var notPost = map[string]bool{"README": true, "SOURCE": true, "LICENSE": true, "CHANGELOG": true,
	"CONTRIBUTING": true, "INDEX": true, "COPYING": true, "AUTHORS": true}

// AssembleOptions describe the issue that Assemble starts.
type AssembleOptions struct {
	Publication string
	Volume      int
	Number      int
	Date        time.Time // zero: the newest post's date
	Language    string
}

// Assemble writes a manifest listing every published post under postsDir
// (Markdown files with front matter, hidden and underscore folders
// skipped) in date order, then by file name. Paths are written relative to
// manifestDir, which must contain postsDir.
func Assemble(postsDir, manifestDir string, opt AssembleOptions, log *diag.Log) ([]byte, error) {
	rel, err := filepath.Rel(manifestDir, postsDir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("the manifest must be written in %s or a folder above it, since posts may not be outside the manifest's folder", postsDir)
	}
	type item struct {
		path string
		date time.Time
	}
	var items []item
	var errs []error
	err = filepath.WalkDir(postsDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != postsDir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(filepath.Ext(name))
		if ext != ".md" && ext != ".markdown" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		if notPost[strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))] &&
			!bytes.HasPrefix(bytes.TrimPrefix(data, []byte("\uFEFF")), []byte("---")) {
			log.Warnf(p, 1, "%s without front matter is not a post; left out", name)
			return nil
		}
		var quiet diag.Log
		ps, err := post.Parse(p, data, &quiet)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		if !ps.Published {
			log.Warnf(p, 1, "published: false; left out")
			return nil
		}
		r, _ := filepath.Rel(manifestDir, p)
		items = append(items, item{filepath.ToSlash(r), ps.Date})
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, diag.Join(errs...)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("%s: no published posts found", postsDir)
	}
	sort.SliceStable(items, func(i, j int) bool {
		if !items[i].date.Equal(items[j].date) {
			return items[i].date.Before(items[j].date)
		}
		return items[i].path < items[j].path
	})
	date := opt.Date
	if date.IsZero() {
		for _, it := range items {
			if it.date.After(date) {
				date = it.date
			}
		}
	}
	if date.IsZero() {
		date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	type out struct {
		Publication string   `yaml:"publication"`
		Volume      int      `yaml:"volume,omitempty"`
		Number      int      `yaml:"number,omitempty"`
		Date        string   `yaml:"date"`
		Language    string   `yaml:"language"`
		Posts       []string `yaml:"posts"`
	}
	o := out{Publication: opt.Publication, Volume: opt.Volume, Number: opt.Number,
		Date: date.Format("2006-01-02"), Language: opt.Language}
	if o.Language == "" {
		o.Language = "en"
	}
	for _, it := range items {
		o.Posts = append(o.Posts, it.path)
	}
	var b bytes.Buffer
	b.WriteString("# Issue manifest written by `edition assemble`: every published post in date order.\n")
	b.WriteString("# Reorder, group into sections: (title + posts) and remove posts as the issue needs.\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(o); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
