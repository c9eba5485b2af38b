// Package fetch downloads the remote images an edition uses into the
// site's image cache (package imgcache), within limits on size, count
// and time, over https from public addresses only. It is the only part
// of edition that uses the network; a build reads the cache.
package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/imgcache"
	"github.com/redtide/edition/internal/model"
)

// Errors a download fails with, for errors.Is.
var (
	ErrPrivate  = errors.New("refused: a private, loopback or link-local address")
	ErrTooLarge = errors.New("image is larger than the limit")
	ErrTotal    = errors.New("the run's total size limit is reached")
	ErrNotImage = errors.New("not a JPEG, PNG or GIF image")
	ErrScheme   = errors.New("only https is fetched (plain http with --allow-http)")
	ErrCount    = errors.New("more images than the run's count limit")
)

// Options limit a run.
type Options struct {
	MaxBytes     int64         // largest image, bytes; at most MaxImageBytes
	MaxTotal     int64         // bytes downloaded in one run
	MaxCount     int           // images downloaded in one run; the rest wait for the next
	Timeout      time.Duration // one image, from its request to its last byte
	MaxTime      time.Duration // the whole run
	MaxRedirects int           // redirects followed for one image
	Workers      int           // downloads at once
	AllowHTTP    bool          // fetch plain http URLs (and follow redirects to them)
	// Progress, if set, is told how many of the images to download are
	// done.
	Progress func(done, total int)
	// Now gives the time recorded in the index; time.Now if nil.
	Now func() time.Time

	loopback bool           // tests only: allow loopback addresses (httptest)
	rootCAs  *x509.CertPool // tests only: trust httptest's certificate
}

// MaxImageBytes is the largest image a build reads
// (edition.MaxImageBytes): a larger one is not worth its download.
const MaxImageBytes = 32 << 20

// DefaultOptions are the limits of `edition fetch` without flags: enough
// for a blog's images (a photo of a few MB, a few hundred images), not
// for filling a disk.
func DefaultOptions() Options {
	return Options{
		MaxBytes:     20 << 20,
		MaxTotal:     1 << 30,
		MaxCount:     1000,
		Timeout:      60 * time.Second,
		MaxTime:      30 * time.Minute,
		MaxRedirects: 5,
		Workers:      4,
	}
}

// Validate reports a limit that is out of range.
func (o Options) Validate() error {
	switch {
	case o.MaxBytes <= 0 || o.MaxBytes > MaxImageBytes:
		return fmt.Errorf("image size limit %d: want 1 byte to 32 MiB", o.MaxBytes)
	case o.MaxTotal <= 0:
		return fmt.Errorf("total size limit %d: want more than 0", o.MaxTotal)
	case o.MaxCount <= 0:
		return fmt.Errorf("count limit %d: want more than 0", o.MaxCount)
	case o.Timeout <= 0 || o.MaxTime <= 0:
		return errors.New("time limits must be longer than 0")
	case o.MaxRedirects < 0:
		return errors.New("redirect limit must not be negative")
	case o.Workers <= 0 || o.Workers > 32:
		return fmt.Errorf("workers %d: want 1 to 32", o.Workers)
	}
	return nil
}

// Request is a remote image an edition uses, and the first place that
// uses it (for messages).
type Request struct {
	URL    string // as the post writes it (see imgcache.Key)
	Source string // the post's path
	Line   int    // the reference's line
}

// Result counts what a run did.
type Result struct {
	Cached  int   // images already in the cache
	Fetched int   // images downloaded
	Bytes   int64 // bytes downloaded
	Failed  int   // images not downloaded (each an error)
}

// Run downloads the images of reqs that the cache under the site's root
// folder root lacks, and records them in its index. A second run
// downloads only what is still missing. Every failure is an error
// positioned at the post that uses the image; the images fetched are
// kept and indexed all the same.
func Run(ctx context.Context, root string, reqs []Request, opt Options) (Result, error) {
	var res Result
	if err := opt.Validate(); err != nil {
		return res, err
	}
	if err := imgcache.Clean(root); err != nil {
		return res, err
	}
	idx, err := imgcache.Load(root)
	if err != nil {
		return res, err
	}
	todo := missing(root, idx, reqs, &res)
	var errs []error
	if len(todo) > opt.MaxCount {
		for _, r := range todo[opt.MaxCount:] {
			errs = append(errs, diag.Errorf(r.Source, r.Line, "image %s not fetched: %w (%d); run again to fetch it", r.URL, ErrCount, opt.MaxCount))
		}
		res.Failed += len(todo) - opt.MaxCount
		todo = todo[:opt.MaxCount]
	}
	if len(todo) > 0 {
		if err := os.MkdirAll(imgcache.Folder(root), 0o755); err != nil {
			return res, err
		}
		ctx, cancel := context.WithTimeout(ctx, opt.MaxTime)
		defer cancel()
		errs = append(errs, download(ctx, root, idx, todo, opt, &res)...)
		if err := idx.Save(root); err != nil {
			errs = append(errs, err)
		}
	}
	return res, diag.Join(errs...)
}

// missing returns the requests, one per URL, whose image the cache does
// not hold whole, and counts those it does.
func missing(root string, idx *imgcache.Index, reqs []Request, res *Result) []Request {
	seen := map[string]bool{}
	var todo []Request
	for _, r := range reqs {
		key := imgcache.Key(r.URL)
		if seen[key] {
			continue
		}
		seen[key] = true
		r.URL = key
		if e, ok := idx.Lookup(key); ok {
			if data, err := os.ReadFile(filepath.Join(imgcache.Folder(root), e.File)); err == nil && imgcache.Verify(e, data) == nil {
				res.Cached++
				continue
			}
		}
		todo = append(todo, r)
	}
	return todo
}

// download fetches todo with opt.Workers at once, recording each image
// in idx as it arrives.
func download(ctx context.Context, root string, idx *imgcache.Index, todo []Request, opt Options, res *Result) []error {
	f := &fetcher{client: opt.client(), opt: opt, dir: imgcache.Folder(root)}
	var (
		mu   sync.Mutex
		errs []error
		done int
		wg   sync.WaitGroup
	)
	jobs := make(chan Request)
	for range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range jobs {
				e, err := f.get(ctx, r.URL)
				mu.Lock()
				if err != nil {
					errs = append(errs, diag.Errorf(r.Source, r.Line, "image %s: %w", r.URL, err))
					res.Failed++
				} else {
					idx.Put(e)
					res.Fetched++
					res.Bytes += e.Size
				}
				done++
				if opt.Progress != nil {
					opt.Progress(done, len(todo))
				}
				mu.Unlock()
			}
		}()
	}
	for _, r := range todo {
		jobs <- r
	}
	close(jobs)
	wg.Wait()
	return errs
}

// client is the HTTP client of a run: no proxy (a proxy would dial the
// private addresses itself), every dialled address checked, redirects
// limited and kept to https.
func (o Options) client() *http.Client {
	dialer := &net.Dialer{Timeout: 15 * time.Second, Control: control(o.loopback)}
	tr := &http.Transport{
		Proxy:                  nil,
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSClientConfig:        &tls.Config{RootCAs: o.rootCAs, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    15 * time.Second,
		ResponseHeaderTimeout:  o.Timeout,
		MaxResponseHeaderBytes: 64 << 10,
		MaxIdleConnsPerHost:    o.Workers,
	}
	return &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > o.MaxRedirects {
				return fmt.Errorf("more than %d redirects", o.MaxRedirects)
			}
			return o.checkScheme(req.URL.Scheme)
		},
	}
}

func (o Options) checkScheme(scheme string) error {
	if scheme == "https" || scheme == "http" && o.AllowHTTP {
		return nil
	}
	return fmt.Errorf("%s URL: %w", scheme, ErrScheme)
}

// Requests lists the remote images of ed (model.Image.URL), each once,
// at its first use.
func Requests(ed *model.Edition) []Request {
	var out []Request
	seen := map[string]bool{}
	visit := func(a *model.Article, bs []model.Block) {
		model.WalkBlocks(bs, func(b model.Block) {
			f, ok := b.(*model.Figure)
			if !ok || f.Image == nil || f.Image.URL == "" || seen[f.Image.URL] {
				return
			}
			seen[f.Image.URL] = true
			out = append(out, Request{URL: f.Image.URL, Source: a.Source, Line: f.Image.Line})
		})
	}
	for _, s := range ed.Sections {
		for _, a := range s.Articles {
			visit(a, a.Blocks)
			for _, n := range a.Notes {
				visit(a, n.Blocks)
			}
		}
	}
	return out
}
