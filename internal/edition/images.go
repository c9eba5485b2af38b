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
	"path"
	"strings"
	"sync"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/manifest"
	"github.com/redtide/edition/internal/model"
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
	byID map[string]*model.Image // by resolved relative path
}

func newImages(root string, log *diag.Log) *images {
	return &images{root: root, log: log, byID: map[string]*model.Image{}}
}

// resolve finds the image src referenced at file:line of a post in dir
// (relative to the root). Remote and missing images are warnings (the alt
// text stands in); paths leaving the root and broken files are errors.
func (im *images) resolve(file string, line int, dir, src, alt string) (*model.Image, error) {
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
func (im *images) load(file string, line int, rel, alt string) (*model.Image, error) {
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
