// Package serve is `edition serve`: it rebuilds an edition whenever one of
// its files changes and shows the result on a local web page, the print
// pages drawn from the layout as SVG (package svg) beside the chapters of
// the built EPUB, with the warnings and errors of the last build. The page
// reloads itself over Server-Sent Events.
//
// It serves only what a build made, from memory: the page and its
// scripts, the SVG pages, the fonts and images they use, the files inside
// the EPUB and the outputs for download. Nothing is read from disk to
// answer a request, so no request can reach another file.
package serve

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// Options for a preview server.
type Options struct {
	Manifest string // path of the issue manifest
	OutDir   string // folder the outputs are written into, as by build
	// Host and Port to listen on; Host "" is 127.0.0.1. Port 0 picks a
	// free port.
	Host string
	Port int
	// Epoch, if non-nil, fixes every timestamp (SOURCE_DATE_EPOCH).
	Epoch *time.Time
	// Poll watches files by looking at them every PollInterval instead of
	// being told by the operating system (network drives, containers).
	// It is also the fallback where file notifications are unavailable.
	Poll         bool
	PollInterval time.Duration // default 300ms
	// Quiet is how long the files must stay unchanged before a rebuild
	// starts, so that saving several files at once builds once; default
	// 25ms. A rebuild waits at most 10 times as long.
	Quiet time.Duration
	// Editor, if set, is a URL template that clicking a line opens, with
	// {path} (absolute) and {line} replaced: "vscode://file/{path}:{line}".
	Editor string
	// Log receives one line per build and the server's notices; nil
	// discards them.
	Log io.Writer
	// Ready, if set, is called with the page's URL once the server
	// listens.
	Ready func(url string)
}

func (o *Options) defaults() {
	if o.Host == "" {
		o.Host = "127.0.0.1"
	}
	if o.PollInterval <= 0 {
		o.PollInterval = 300 * time.Millisecond
	}
	if o.Quiet <= 0 {
		o.Quiet = 25 * time.Millisecond
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

// IsLoopback reports whether host only accepts connections from this
// machine.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Server is a running preview.
type Server struct {
	opt  Options
	root string // folder of the manifest: every input is inside it
	out  string // absolute output folder, not watched
	cwd  string // working folder: sources are named relative to it

	mu      sync.RWMutex
	view    *snapshot         // the pages on the page; nil before the first build
	good    *snapshot         // those of the last build that wrote its outputs
	shown   *snapshot         // those of the build in flight, once shown
	files   map[string][]byte // the outputs of the last good build, by name
	state   status            // the last build, good or not
	started time.Time         // when the build in flight started

	hub  hub
	quit chan struct{} // closed at shutdown: event streams end

	reuse reuse        // what the last build made, for the next (used by the build loop alone)
	seed  maphash.Seed // of the pages' sums
}

// Run builds the edition, serves the preview and rebuilds on every change
// until ctx is done; it then stops watching, lets a build in flight finish
// or stop, closes the connections and returns nil. Errors are those of
// starting: the manifest's folder or the address.
func Run(ctx context.Context, opt Options) error {
	opt.defaults()
	s, err := newServer(opt)
	if err != nil {
		return err
	}
	addr := net.JoinHostPort(opt.Host, strconv.Itoa(opt.Port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	url := "http://" + ln.Addr().String() + "/"
	srv := &http.Server{Handler: s.handler(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	kick := make(chan struct{}, 1)
	w, mode := watch(s.root, s.ignored, opt.Poll, opt.PollInterval, func() { poke(kick) })
	fmt.Fprintf(opt.Log, "watching %s (%s)\n", s.root, mode)
	fmt.Fprintf(opt.Log, "preview at %s\n", url)
	if opt.Ready != nil {
		opt.Ready(url)
	}

	loopDone := make(chan struct{})
	go func() {
		defer close(loopDone)
		s.loop(ctx, kick)
	}()

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-served:
	}
	w.Close()
	close(s.quit)
	sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	<-loopDone
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return nil
}

func newServer(opt Options) (*Server, error) {
	abs, err := filepath.Abs(opt.Manifest)
	if err != nil {
		return nil, err
	}
	out, err := filepath.Abs(opt.OutDir)
	if err != nil {
		return nil, err
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	return &Server{
		opt:  opt,
		cwd:  cwd,
		root: filepath.Dir(abs),
		out:  out,
		hub:  hub{subs: map[chan struct{}]struct{}{}},
		quit: make(chan struct{}),
		seed: maphash.MakeSeed(),
	}, nil
}

// poke sends on a channel of capacity one without blocking: a pending
// signal already says everything a second one would.
func poke(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// hub tells every open event stream that the state changed.
type hub struct {
	mu   sync.Mutex
	subs map[chan struct{}]struct{}
}

func (h *hub) subscribe() chan struct{} {
	c := make(chan struct{}, 1)
	h.mu.Lock()
	h.subs[c] = struct{}{}
	h.mu.Unlock()
	return c
}

func (h *hub) unsubscribe(c chan struct{}) {
	h.mu.Lock()
	delete(h.subs, c)
	h.mu.Unlock()
}

func (h *hub) notify() {
	h.mu.Lock()
	for c := range h.subs {
		poke(c)
	}
	h.mu.Unlock()
}
