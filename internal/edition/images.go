package edition

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	_ "image/gif" // decoders for DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/imgcache"
	"github.com/redtide/edition/internal/markdown"
	"github.com/redtide/edition/internal/model"
	"github.com/redtide/edition/internal/site"
)

// Limits on images, so one bad file cannot exhaust memory.
const (
	MaxImageBytes  = 32 << 20   // bytes of an image file
	MaxImagePixels = 50_000_000 // width × height
)

// images resolves and loads post images, once per file.
type images struct {
	site   *site.Site
	folder string // the site's folder, as messages name it
	log    *diag.Log
	mu     sync.Mutex
	byID   map[string]*model.Image // by root and resolved relative path
	// byHash are the images read, by Name (a hash of their bytes): a
	// file whose bytes were read under another path shares them, so
	// that an image copied beside every post that shows it is held once.
	byHash map[string]*model.Image
	dirs   map[string]map[string]bool             // names in each folder read, by root and relative path
	open   func(root, rel string) ([]byte, error) // manifest.Open, for the build
	cache  *imgcache.Index                        // remote images fetched into the site
}

func newImages(st *site.Site, folder string, log *diag.Log, open func(root, rel string) ([]byte, error)) *images {
	im := &images{site: st, folder: folder, log: log, byID: map[string]*model.Image{}, byHash: map[string]*model.Image{}, dirs: map[string]map[string]bool{}, open: open}
	cache, err := imgcache.Load(st.Root)
	if err != nil {
		log.Warnf(filepath.Join(imgcache.Folder(st.Root), imgcache.IndexName), 0, "the image cache's index cannot be read (%v); remote images are left out: run edition fetch", err)
	}
	im.cache = cache
	return im
}

// listed reports whether the folder of rel under root holds an entry
// named like rel. An image is looked for in a dozen conventional folders;
// listing each folder once per build costs far less than a failed open
// (with its symlink checks) per folder per image. It only rules files
// out: the file found is still read through manifest.Open's checks.
func (im *images) listed(root, rel string) bool {
	dir, name := path.Split(rel)
	key := root + "\x00" + dir
	im.mu.Lock()
	names, ok := im.dirs[key]
	im.mu.Unlock()
	if !ok {
		names = map[string]bool{}
		if ents, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(dir))); err == nil {
			for _, e := range ents {
				names[e.Name()] = true
			}
		}
		im.mu.Lock()
		im.dirs[key] = names
		im.mu.Unlock()
	}
	return names[name]
}

// doc is the post an image reference is in.
type doc struct {
	display string // path for messages
	rel     string // path relative to the site's root
	page    func() map[string]any
	log     *diag.Log // the post's warnings, nil: the build's
	deps    *postDeps // what else its conversion reads, for Reuse; may be nil
	// remote images not in the cache: how many, and the first one's
	// line and address, for the post's one warning
	remotes    int
	remoteLine int
	remoteURL  string
}

// logTo is the log the post's warnings go to: its own, else the build's.
func (d *doc) logTo(build *diag.Log) *diag.Log {
	if d.log != nil {
		return d.log
	}
	return build
}

// warnRemote gives the post's one warning about its remote images that
// are not in the cache.
func (d *doc) warnRemote(log *diag.Log) {
	switch {
	case d.remotes == 1:
		log.Warnf(d.display, d.remoteLine, "remote image %s is not in the site's image cache; its alt text stands in (run edition fetch to download it)", d.remoteURL)
	case d.remotes > 1:
		log.Warnf(d.display, d.remoteLine, "%d remote images, the first %s, are not in the site's image cache; their alt text stands in (run edition fetch to download them)", d.remotes, d.remoteURL)
	}
}

// srcKeys are the include parameters that may name an image, in order.
var srcKeys = []string{"filename", "file", "src", "url", "image", "image-url", "image_url", "img", "path"}

// resolve finds the image a post references. An include that names an
// image is first rendered through the site's own include template, which
// builds the path as the site does. Remote and missing images are
// warnings (the alt text stands in); paths leaving the site's folder and
// broken files are errors.
func (im *images) resolve(d *doc, ref markdown.ImageRef) (*model.Image, error) {
	src, built := strings.TrimSpace(ref.Src), ""
	if ref.Include != "" {
		s, err := im.site.IncludeImage(ref.Include, ref.Params, d.page())
		switch {
		case err == nil && s != "":
			src, built = s, s
		case err != nil && !site.IsNoTemplate(err):
			d.logTo(im.log).Warnf(d.display, ref.Line, "{%% include %s %%}: the site's template could not be followed (%v); the image is looked for by its name", ref.Include, err)
		}
		if src == "" {
			for _, k := range srcKeys {
				if v := strings.TrimSpace(ref.Params[k]); v != "" {
					src = v
					break
				}
			}
		}
	}
	if src == "" {
		d.logTo(im.log).Warnf(d.display, ref.Line, "image reference names no file; its alt text is used")
		return nil, nil
	}
	if strings.Contains(src, "{{") {
		if out, err := im.site.RenderString(src, d.page()); err == nil {
			src = strings.TrimSpace(out)
		}
	}
	src = im.site.SitePath(src)
	if remote(src) {
		return im.remote(d, ref, src)
	}
	if p, err := url.PathUnescape(src); err == nil {
		src = p
	}
	if i := strings.IndexAny(src, "?#"); i >= 0 {
		src = src[:i]
	}
	img, reported, err := im.find(d, ref, src)
	if err != nil || img != nil || reported {
		return img, err
	}
	where := ""
	if built != "" {
		where = fmt.Sprintf(" (the site's _includes/%s puts it at %s)", ref.Include, built)
	}
	d.logTo(im.log).Warnf(d.display, ref.Line, "image %q not found%s; its alt text is used", src, where)
	return nil, nil
}

// remote returns the image at the address src from the site's cache or,
// when it is not cached, an image without data that names its URL (see
// model.Image). The build never uses the network: `edition fetch` does.
func (im *images) remote(d *doc, ref markdown.ImageRef, src string) (*model.Image, error) {
	if u, err := url.Parse(src); err == nil && u.Scheme != "" && !strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https") {
		d.logTo(im.log).Warnf(d.display, ref.Line, "image %q has an unsupported scheme; its alt text is used", src)
		return nil, nil
	}
	key := imgcache.Key(src)
	if e, ok := im.cache.Lookup(key); ok {
		img, err := im.load(d.display, ref.Line, im.site.Root, imgcache.Dir+"/"+e.File, ref.Alt)
		// A file that is missing, broken or not the bytes the index
		// records counts as not fetched: edition fetch fetches it again.
		if err == nil && img != nil && imgcache.Verify(e, img.Data) == nil {
			img.Path, img.URL = key, key
			return img, nil
		}
	}
	if d.remotes == 0 {
		d.remoteLine, d.remoteURL = ref.Line, key
	}
	d.remotes++
	return &model.Image{Path: key, URL: key, Alt: ref.Alt, Line: ref.Line}, nil
}

func remote(src string) bool {
	if strings.HasPrefix(src, "//") {
		return true
	}
	u, err := url.Parse(src)
	return err == nil && u.Scheme != "" && len(u.Scheme) > 1 // a Windows drive letter is not a scheme
}

// find looks for src where the reference points and, failing that, by
// its name beside the post and under the site's conventional image
// folders. reported is true when find warned itself: two different files
// answer to the name, and it never guesses between them, or the path
// leaves the site.
//
// A relative path is resolved as the browser resolves it on the
// published page: against the page's URL (../../assets/x.png on the page
// /a/unit/name.de/ is /assets/x.png), then mapped onto the site's root;
// then against the post's folder (posts whose images sit beside them).
func (im *images) find(d *doc, ref markdown.ImageRef, src string) (img *model.Image, reported bool, err error) {
	dir := path.Dir(d.rel)
	var tries []string
	outside := false // the path leaves the site from the post's folder
	if strings.HasPrefix(src, "/") {
		rel := strings.TrimLeft(path.Clean(src), "/")
		// The site's root, then the post's folder (posts copied out of
		// their site keep its layout below them), then the folders a Hugo
		// site copies onto its root (static/, assets/).
		tries = append(tries, rel, path.Join(dir, rel))
		tries = append(tries, im.site.RootFolders(rel)...)
	} else {
		if u := pageURL(d); u != "" && (ref.Include == "" || strings.Contains(src, "/")) {
			tries = append(tries, strings.TrimLeft(path.Join(urlDir(u), src), "/"))
		}
		joined := path.Join(dir, src)
		inside := site.CheckRel(joined, im.folder) == nil
		outside = !inside
		if inside && (ref.Include == "" || strings.Contains(src, "/")) {
			tries = append(tries, joined)
		}
		if strings.Contains(src, "/") && site.CheckRel(src, "") == nil {
			tries = append(tries, path.Clean(src)) // written from the site's root
		}
	}
	for _, t := range tries {
		if site.CheckRel(t, "") != nil {
			continue
		}
		if img, err := im.load(d.display, ref.Line, im.site.Root, t, ref.Alt); err != nil || img != nil {
			return img, false, err
		}
	}
	img, reported, err = im.byName(d, ref, path.Base(src))
	if img == nil && !reported && err == nil && outside {
		d.logTo(im.log).Warnf(d.display, ref.Line, "image %q leaves %s from the post's folder, and is not found from the page's URL either; its alt text is used", src, im.folder)
		return nil, true, nil
	}
	return img, reported, err
}

// pageURL is the URL of the post's published page, "" when unknown.
func pageURL(d *doc) string {
	if d.page == nil {
		return ""
	}
	u, _ := d.page()["url"].(string)
	return u
}

// urlDir is the folder a relative reference on the page at u resolves
// against: u itself when it ends in /, else its parent.
func urlDir(u string) string {
	if strings.HasSuffix(u, "/") {
		return u
	}
	return path.Dir(u)
}

// byName looks for a file called name beside the post and in the site's
// image folders. Copies with the same bytes are one image; different
// files are reported, naming two of them.
func (im *images) byName(d *doc, ref markdown.ImageRef, name string) (*model.Image, bool, error) {
	if name == "" || name == "." || name == "/" {
		return nil, false, nil
	}
	dir := path.Dir(d.rel)
	folders := []string{dir, path.Join(dir, "images")}
	if d.page != nil {
		// The front matter's slug names the post's image folder on some
		// sites (its case may differ from the file name's).
		if slug, _ := d.page()["slug"].(string); slug != "" && slug != site.Slug(d.rel) {
			folders = append(folders, im.site.ImageFolders(slug)...)
		}
	}
	folders = append(folders, im.site.ImageFolders(site.Slug(d.rel))...)
	var found *model.Image
	seen := map[string]bool{}
	for _, f := range folders {
		rel := path.Join(f, name)
		if seen[rel] || site.CheckRel(rel, "") != nil {
			continue
		}
		seen[rel] = true
		img, err := im.load(d.display, ref.Line, im.site.Root, rel, ref.Alt)
		if err != nil {
			return nil, false, err
		}
		if img == nil {
			continue
		}
		if found != nil && found.Name != img.Name {
			d.logTo(im.log).Warnf(d.display, ref.Line, "image %q is ambiguous: %s and %s are different files of that name; its alt text is used (give the image's path)",
				name, found.Path, img.Path)
			return nil, true, nil
		}
		if found == nil {
			found = img
		}
	}
	return found, false, nil
}

// load reads the image at rel under root; nil, nil means it does not
// exist. The returned copy carries the reference's alt text and line.
func (im *images) load(file string, line int, root, rel, alt string) (*model.Image, error) {
	key := root + "\x00" + rel
	im.mu.Lock()
	cached, ok := im.byID[key]
	im.mu.Unlock()
	if ok {
		if cached == nil {
			return nil, nil
		}
		c := *cached
		c.Alt, c.Line = alt, line
		return &c, nil
	}
	var data []byte
	err := fs.ErrNotExist
	if im.listed(root, rel) {
		data, err = im.open(root, rel)
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			im.mu.Lock()
			im.byID[key] = nil
			im.mu.Unlock()
			return nil, nil
		}
		return nil, diag.Errorf(file, line, "image %q: %v", rel, err)
	}
	img, err := decode(rel, data)
	if err != nil {
		return nil, diag.Errorf(file, line, "image %q: %v", rel, err)
	}
	im.mu.Lock()
	if same := im.byHash[img.Name]; same == nil {
		im.byHash[img.Name] = img
	} else if bytes.Equal(same.Data, img.Data) {
		img.Data = same.Data
	}
	im.byID[key] = img
	im.mu.Unlock()
	c := *img
	c.Alt, c.Line = alt, line
	return &c, nil
}

// decode checks an image file and records its size and type.
func decode(rel string, data []byte) (*model.Image, error) {
	if len(data) > MaxImageBytes {
		return nil, errors.New("file is larger than 32 MiB")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, errors.New("not a readable JPEG, PNG or GIF image")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, errors.New("image has no pixels")
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxImagePixels {
		return nil, errors.New("image has more than 50 million pixels")
	}
	// A truncated file passes DecodeConfig; check the file's structure to
	// its end (decoding every pixel would double the cost of a build).
	if err := checkEnd(format, data); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	ext := map[string]string{"jpeg": ".jpg", "png": ".png", "gif": ".gif"}[format]
	return &model.Image{
		Path:      rel,
		Name:      "img-" + hex.EncodeToString(sum[:6]) + ext,
		MediaType: "image/" + format,
		Data:      data,
		Width:     cfg.Width,
		Height:    cfg.Height,
	}, nil
}

// checkEnd verifies that an image file is complete: a PNG's chunks, with
// their checksums, run to IEND; a JPEG ends with its EOI marker; a GIF with
// its trailer.
func checkEnd(format string, data []byte) error {
	switch format {
	case "png":
		p := data[8:]
		for len(p) >= 12 {
			n := int(binary.BigEndian.Uint32(p))
			if n < 0 || n > len(p)-12 {
				return errors.New("broken image data: PNG chunk runs past the end of the file")
			}
			typ := p[4:8]
			if crc32.ChecksumIEEE(p[4:8+n]) != binary.BigEndian.Uint32(p[8+n:]) {
				return fmt.Errorf("broken image data: PNG %s chunk checksum mismatch", typ)
			}
			if string(typ) == "IEND" {
				return nil
			}
			p = p[12+n:]
		}
		return errors.New("broken image data: PNG ends before its IEND chunk")
	case "jpeg":
		// Trailing padding after EOI is common; look at the last bytes.
		tail := data[max(0, len(data)-4096):]
		if !bytes.Contains(tail, []byte{0xFF, 0xD9}) {
			return errors.New("broken image data: JPEG ends before its end-of-image marker")
		}
	case "gif":
		if bytes.LastIndexByte(data, 0x3B) < 0 {
			return errors.New("broken image data: GIF has no trailer")
		}
	}
	return nil
}

// warnAlt warns about each image that has neither alt text nor a
// caption: a reader who cannot see it is told nothing, and the EPUB does
// not claim that every image has a text alternative.
func warnAlt(a *model.Article, log *diag.Log) {
	visit := func(bs []model.Block) {
		model.WalkBlocks(bs, func(b model.Block) {
			f, ok := b.(*model.Figure)
			if !ok || f.Image == nil || f.Image.Data == nil {
				return
			}
			if strings.TrimSpace(f.Image.Alt) == "" && len(f.Caption) == 0 {
				log.Warnf(a.Source, f.Image.Line, "image %s has no alt text and no caption: readers who cannot see it are told nothing of it; describe it in its alt text", path.Base(f.Image.Path))
			}
		})
	}
	visit(a.Blocks)
	for _, n := range a.Notes {
		visit(n.Blocks)
	}
}
