package edition

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	_ "image/gif" // decoders for DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"net/url"
	"path"
	"strings"
	"sync"

	"github.com/redtide/edition/doc"
	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/manifest"
)

// Limits on images, so one bad file cannot exhaust memory.
const (
	MaxImageBytes  = 32 << 20   // bytes of an image file
	MaxImagePixels = 50_000_000 // width × height
)

// images resolves and loads post images, once per file.
type images struct {
	root string
	log  *diag.Log
	mu   sync.Mutex
	byID map[string]*doc.Image // by resolved relative path
}

func newImages(root string, log *diag.Log) *images {
	return &images{root: root, log: log, byID: map[string]*doc.Image{}}
}

// resolve finds the image src referenced at file:line of a post in dir
// (relative to the root). Remote and missing images are warnings (the alt
// text stands in); paths leaving the root and broken files are errors.
func (im *images) resolve(file string, line int, dir, src, alt string) (*doc.Image, error) {
	src = strings.TrimSpace(src)
	if u, err := url.Parse(src); err == nil && u.Scheme != "" {
		switch strings.ToLower(u.Scheme) {
		case "http", "https":
			im.log.Warnf(file, line, "remote image %s is not fetched; its alt text is used", src)
		default:
			im.log.Warnf(file, line, "image %q has an unsupported scheme; its alt text is used", src)
		}
		return nil, nil
	}
	if strings.HasPrefix(src, "//") {
		im.log.Warnf(file, line, "remote image %s is not fetched; its alt text is used", src)
		return nil, nil
	}
	if p, err := url.PathUnescape(src); err == nil {
		src = p
	}
	if i := strings.IndexAny(src, "?#"); i >= 0 {
		src = src[:i]
	}
	var candidates []string
	if strings.HasPrefix(src, "/") {
		// Site-absolute (Jekyll's /assets/x.jpg): look from the root,
		// then beside the post.
		rel := strings.TrimLeft(src, "/")
		candidates = append(candidates, rel, path.Join(dir, rel), path.Join(dir, "images", path.Base(rel)))
	} else {
		joined := path.Join(dir, src)
		if err := manifest.CheckRel(joined); err != nil {
			return nil, diag.Errorf(file, line, "image %q: %v", src, err)
		}
		candidates = append(candidates, joined)
		if !strings.Contains(src, "/") {
			candidates = append(candidates, path.Join(dir, "images", src))
		}
	}
	for _, c := range candidates {
		if manifest.CheckRel(c) != nil {
			continue
		}
		img, err := im.load(file, line, c, alt)
		if err != nil {
			return nil, err
		}
		if img != nil {
			return img, nil
		}
	}
	im.log.Warnf(file, line, "image %q not found; its alt text is used", src)
	return nil, nil
}

// load reads the image at rel; nil, nil means it does not exist.
func (im *images) load(file string, line int, rel, alt string) (*doc.Image, error) {
	im.mu.Lock()
	cached, ok := im.byID[rel]
	im.mu.Unlock()
	if ok {
		if cached == nil {
			return nil, nil
		}
		c := *cached
		c.Alt = alt
		return &c, nil
	}
	data, err := manifest.Open(im.root, rel)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, diag.Errorf(file, line, "image %q: %v", rel, err)
	}
	img, err := decode(rel, data)
	if err != nil {
		return nil, diag.Errorf(file, line, "image %q: %v", rel, err)
	}
	im.mu.Lock()
	im.byID[rel] = img
	im.mu.Unlock()
	c := *img
	c.Alt = alt
	return &c, nil
}

// decode checks an image file and records its size and type.
func decode(rel string, data []byte) (*doc.Image, error) {
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
	// Decode fully once: a truncated file passes DecodeConfig.
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return nil, errors.New("broken image data: " + err.Error())
	}
	sum := sha256.Sum256(data)
	ext := map[string]string{"jpeg": ".jpg", "png": ".png", "gif": ".gif"}[format]
	return &doc.Image{
		Path:      rel,
		Name:      "img-" + hex.EncodeToString(sum[:6]) + ext,
		MediaType: "image/" + format,
		Data:      data,
		Width:     cfg.Width,
		Height:    cfg.Height,
	}, nil
}
