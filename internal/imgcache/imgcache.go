// Package imgcache is the site's store of remote images: the files that
// `edition fetch` downloaded, and the index that names them by URL. A
// build reads images from it and never from the network.
//
// The cache lives in the site's root folder, in _edition/cache/: Jekyll
// leaves folders whose names start with "_" out of the site it
// publishes, and Hugo reads only its own folders, so the cache is never
// published, and it travels with the site (commit it, or ignore it and
// fetch again). Each image is stored under the hex SHA-256 of its bytes
// and its type's extension; index.json lists, per URL, that file, its
// SHA-256, size, content type and the time it was fetched.
package imgcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Dir is the cache's folder, slash-separated, relative to the site's root.
const Dir = "_edition/cache"

// IndexName is the index's file name inside Dir.
const IndexName = "index.json"

// Entry is one cached image.
type Entry struct {
	URL         string    `json:"url"`          // the image's address, as Key gives it
	File        string    `json:"file"`         // file name inside Dir
	SHA256      string    `json:"sha256"`       // hex SHA-256 of the file's bytes
	Size        int64     `json:"size"`         // bytes
	ContentType string    `json:"content_type"` // image/jpeg, image/png or image/gif, sniffed from the bytes
	Fetched     time.Time `json:"fetched"`      // when it was downloaded (UTC)
}

// Index is the cache's list of images, by URL.
type Index struct {
	byURL map[string]Entry
}

// indexFile is the JSON form of the index.
type indexFile struct {
	Version int     `json:"version"`
	Images  []Entry `json:"images"`
}

// Key is the address under which the image at src (an http, https or
// protocol-relative URL as a post writes it) is cached: a
// protocol-relative URL is read as https, as a browser on an https
// page reads it, and the fragment, which never reaches a server, is
// dropped.
func Key(src string) string {
	s := strings.TrimSpace(src)
	if strings.HasPrefix(s, "//") {
		s = "https:" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	u.Fragment, u.RawFragment = "", ""
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	return u.String()
}

// Folder is the cache's folder under the site's root folder root.
func Folder(root string) string {
	return filepath.Join(root, filepath.FromSlash(Dir))
}

// Load reads the index of the cache under the site's root folder root.
// A site without a cache has an empty index.
func Load(root string) (*Index, error) {
	x := &Index{byURL: map[string]Entry{}}
	data, err := os.ReadFile(filepath.Join(Folder(root), IndexName))
	if errors.Is(err, fs.ErrNotExist) {
		return x, nil
	}
	if err != nil {
		return nil, err
	}
	var f indexFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(Dir, IndexName), err)
	}
	for _, e := range f.Images {
		if e.URL == "" || !validFile(e.File) {
			continue
		}
		x.byURL[e.URL] = e
	}
	return x, nil
}

// validFile reports whether name is a plain file name inside the cache,
// so an edited index cannot make a build read outside it.
func validFile(name string) bool {
	return name != "" && !strings.ContainsAny(name, `/\`) && name != "." && name != ".." && !strings.HasPrefix(name, ".")
}

// Lookup returns the entry of the image at key (see Key).
func (x *Index) Lookup(key string) (Entry, bool) {
	if x == nil {
		return Entry{}, false
	}
	e, ok := x.byURL[key]
	return e, ok
}

// Put records e, replacing any entry of its URL.
func (x *Index) Put(e Entry) {
	x.byURL[e.URL] = e
}

// Len is the number of images in the index.
func (x *Index) Len() int { return len(x.byURL) }

// Save writes the index under root atomically: to a temporary file in
// the cache's folder, renamed over the old index, so a reader sees the
// old index or the new one, never part of one.
func (x *Index) Save(root string) error {
	f := indexFile{Version: 1}
	for _, e := range x.byURL {
		f.Images = append(f.Images, e)
	}
	sort.Slice(f.Images, func(i, j int) bool { return f.Images[i].URL < f.Images[j].URL })
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return WriteAtomic(Folder(root), IndexName, append(data, '\n'))
}

// TempPrefix starts the names of files being written into the cache;
// Clean removes those an interrupted run left behind.
const TempPrefix = ".part-"

// WriteAtomic writes data to dir/name through a temporary file in dir
// that is synced and renamed, so the file is whole or absent.
func WriteAtomic(dir, name string, data []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, TempPrefix+"*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, name))
}

// Clean removes the temporary files that an interrupted run left in the
// cache under root.
func Clean(root string) error {
	ents, err := os.ReadDir(Folder(root))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), TempPrefix) {
			errs = append(errs, os.Remove(filepath.Join(Folder(root), e.Name())))
		}
	}
	return errors.Join(errs...)
}

// Verify checks that data are the bytes e records.
func Verify(e Entry, data []byte) error {
	if int64(len(data)) != e.Size {
		return fmt.Errorf("cached file %s has %d bytes, the index says %d", e.File, len(data), e.Size)
	}
	sum := sha256.Sum256(data)
	want, err := hex.DecodeString(e.SHA256)
	if err != nil || !bytes.Equal(sum[:], want) {
		return fmt.Errorf("cached file %s does not have the SHA-256 the index records", e.File)
	}
	return nil
}
