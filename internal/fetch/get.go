package fetch

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	_ "image/gif" // decoders for DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/redtide/edition/internal/imgcache"
)

// fetcher downloads images into the cache's folder dir, keeping count of
// the run's bytes.
type fetcher struct {
	client *http.Client
	opt    Options
	dir    string
	mu     sync.Mutex
	used   int64 // bytes downloaded so far in the run
}

// exts are the image types a build reads, by sniffed content type, with
// the extension of their file in the cache.
var exts = map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif"}

// get downloads the image at u into the cache's folder and returns its
// index entry. The file is written under a temporary name and renamed
// once whole and checked: a failed download leaves nothing behind.
func (f *fetcher) get(ctx context.Context, u string) (imgcache.Entry, error) {
	pu, err := url.Parse(u)
	if err != nil {
		return imgcache.Entry{}, err
	}
	if pu.Scheme == "http" && !f.opt.AllowHTTP {
		// As browsers upgrade an http image on an https page
		// (mixed-content autoupgrade), its https address is asked for.
		pu.Scheme = "https"
		e, err := f.getURL(ctx, pu.String())
		if err != nil {
			return e, fmt.Errorf("%w; its https address failed: %v", ErrScheme, err)
		}
		e.URL = u
		return e, nil
	}
	if err := f.opt.checkScheme(pu.Scheme); err != nil {
		return imgcache.Entry{}, err
	}
	e, err := f.getURL(ctx, u)
	e.URL = u
	return e, err
}

// getURL downloads the image at u.
func (f *fetcher) getURL(ctx context.Context, u string) (imgcache.Entry, error) {
	ctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return imgcache.Entry{}, err
	}
	req.Header.Set("User-Agent", "edition-fetch (+https://github.com/redtide/edition)")
	req.Header.Set("Accept", "image/png,image/jpeg,image/gif;q=0.9,image/*;q=0.5")
	resp, err := f.client.Do(req)
	if err != nil {
		return imgcache.Entry{}, unwrapURL(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return imgcache.Entry{}, fmt.Errorf("HTTP %s", resp.Status)
	}
	if err := headerType(resp.Header.Get("Content-Type")); err != nil {
		return imgcache.Entry{}, err
	}
	limit := f.limit()
	if resp.ContentLength > limit {
		return imgcache.Entry{}, f.sizeError(resp.ContentLength)
	}
	e, err := f.store(resp.Body, limit)
	if err != nil {
		return imgcache.Entry{}, err
	}
	e.Fetched = f.now()
	return e, nil
}

func (f *fetcher) now() time.Time {
	if f.opt.Now != nil {
		return f.opt.Now().UTC()
	}
	return time.Now().UTC().Truncate(time.Second)
}

// limit is the most bytes the next image may have: the image limit, or
// what is left of the run's total.
func (f *fetcher) limit() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return max(0, min(f.opt.MaxBytes, f.opt.MaxTotal-f.used))
}

func (f *fetcher) sizeError(n int64) error {
	if n > f.opt.MaxBytes {
		return fmt.Errorf("%w (%d bytes, limit %d)", ErrTooLarge, n, f.opt.MaxBytes)
	}
	return fmt.Errorf("%w (%d bytes)", ErrTotal, f.opt.MaxTotal)
}

// headerType refuses a response whose declared type is not an image.
// Servers that do not know the type (none, or octet-stream, as object
// stores often send) are judged by the bytes alone.
func headerType(ct string) error {
	if ct == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return fmt.Errorf("content type %q: %w", ct, ErrNotImage)
	}
	if strings.HasPrefix(mt, "image/") || mt == "application/octet-stream" || mt == "binary/octet-stream" {
		return nil
	}
	return fmt.Errorf("content type %s: %w", mt, ErrNotImage)
}

// store copies body (at most limit bytes) into a temporary file, checks
// that it is an image a build reads, and renames it to its SHA-256.
func (f *fetcher) store(body io.Reader, limit int64) (imgcache.Entry, error) {
	tmp, err := os.CreateTemp(f.dir, imgcache.TempPrefix+"*")
	if err != nil {
		return imgcache.Entry{}, err
	}
	name := tmp.Name()
	kept := false
	defer func() {
		if !kept {
			tmp.Close()
			os.Remove(name)
		}
	}()
	h := sha256.New()
	var head headBuf
	n, err := io.Copy(io.MultiWriter(tmp, h, &head), io.LimitReader(body, limit+1))
	if err != nil {
		return imgcache.Entry{}, unwrapURL(err)
	}
	if n > limit {
		return imgcache.Entry{}, f.sizeError(n)
	}
	ct := http.DetectContentType(head.b)
	ext, ok := exts[ct]
	if !ok {
		return imgcache.Entry{}, fmt.Errorf("the bytes read as %s: %w", ct, ErrNotImage)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return imgcache.Entry{}, err
	}
	if _, _, err := image.DecodeConfig(bufio.NewReader(tmp)); err != nil {
		return imgcache.Entry{}, fmt.Errorf("%s whose header cannot be read: %w", ct, ErrNotImage)
	}
	if err := tmp.Sync(); err != nil {
		return imgcache.Entry{}, err
	}
	if err := tmp.Close(); err != nil {
		return imgcache.Entry{}, err
	}
	if err := os.Chmod(name, 0o644); err != nil { // CreateTemp's 0600 is for the half-written file
		return imgcache.Entry{}, err
	}
	if !f.spend(n) {
		return imgcache.Entry{}, f.sizeError(n)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	file := sum + ext
	if err := os.Rename(name, filepath.Join(f.dir, file)); err != nil {
		return imgcache.Entry{}, err
	}
	kept = true
	return imgcache.Entry{File: file, SHA256: sum, Size: n, ContentType: ct}, nil
}

// spend adds n bytes to the run's total, unless they pass its limit
// (several downloads run at once, so the check before the download is
// not the last word).
func (f *fetcher) spend(n int64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.used+n > f.opt.MaxTotal {
		return false
	}
	f.used += n
	return true
}

// headBuf keeps the first bytes written to it, for sniffing.
type headBuf struct{ b []byte }

func (h *headBuf) Write(p []byte) (int, error) {
	if k := 512 - len(h.b); k > 0 {
		h.b = append(h.b, p[:min(k, len(p))]...)
	}
	return len(p), nil
}

// unwrapURL drops the method and URL that net/http puts before an error
// (the message names the URL already).
func unwrapURL(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
