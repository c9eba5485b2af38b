package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/redtide/edition/internal/fetch"
	"github.com/redtide/edition/internal/imgcache"
	"github.com/redtide/edition/internal/pipeline"
)

func fetchCmd(stdout, stderr io.Writer) *cobra.Command {
	opt := fetch.DefaultOptions()
	var maxSize, maxTotal string
	var quiet bool
	cmd := &cobra.Command{
		Use:   "fetch [MANIFEST]",
		Short: "Download the edition's remote images into the site's image cache",
		Long: `Download every remote image (http or https) that the posts of MANIFEST
(default ` + defaultManifest + `) use into the site's image cache,
` + imgcache.Dir + `/ in the site's root folder, indexed by URL in ` + imgcache.IndexName + `
(SHA-256, size, content type, date). build and serve read images from the
cache and never use the network; a second fetch downloads only what is
missing. Only JPEG, PNG and GIF images are kept (the declared type and the
bytes are both checked), over https unless --allow-http, never from or through
a private, loopback or link-local address; proxies are not used.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opt.MaxBytes, err = parseSize(maxSize); err != nil {
				return usageError{fmt.Errorf("--max-size: %v", err)}
			}
			if opt.MaxTotal, err = parseSize(maxTotal); err != nil {
				return usageError{fmt.Errorf("--max-total: %v", err)}
			}
			if err := opt.Validate(); err != nil {
				return usageError{err}
			}
			return runFetch(stdout, stderr, manifestArg(args), opt, quiet)
		},
	}
	f := cmd.Flags()
	f.StringVar(&maxSize, "max-size", "20MiB", "largest image (B, KB, MB, KiB, MiB; at most 32MiB)")
	f.StringVar(&maxTotal, "max-total", "1GiB", "most bytes downloaded in one run")
	f.IntVar(&opt.MaxCount, "max-count", opt.MaxCount, "most images downloaded in one run (run again for the rest)")
	f.DurationVar(&opt.Timeout, "timeout", opt.Timeout, "time limit of one image")
	f.DurationVar(&opt.MaxTime, "max-time", opt.MaxTime, "time limit of the whole run")
	f.IntVar(&opt.Workers, "jobs", opt.Workers, "downloads at once")
	f.BoolVar(&opt.AllowHTTP, "allow-http", false, "also fetch plain http URLs (and follow redirects to them)")
	f.BoolVarP(&quiet, "quiet", "q", false, "print only errors")
	return cmd
}

// runFetch reads the edition, as check does, and fetches its remote
// images into the cache of its site.
func runFetch(stdout, stderr io.Writer, manifest string, opt fetch.Options, quiet bool) error {
	ed, m, _, err := pipeline.Load(pipeline.Options{Manifest: manifest})
	if err != nil {
		return failed("fetch", err, 0)
	}
	root := m.Root
	if m.Site != nil {
		root = m.Site.Root
	}
	reqs := fetch.Requests(ed)
	prog := progress(stderr, quiet)
	if prog != nil {
		opt.Progress = func(done, total int) { prog("fetching images", done, total) }
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := fetch.Run(ctx, root, reqs, opt)
	if prog != nil {
		prog("", 0, 0)
	}
	if err != nil {
		return failure{err, fmt.Sprintf("fetch failed: %s of %s not fetched (%d fetched, %d already cached)",
			count(res.Failed, "image"), count(len(reqs), "remote image"), res.Fetched, res.Cached)}
	}
	if !quiet {
		dir := filepath.Join(root, filepath.FromSlash(imgcache.Dir))
		fmt.Fprintf(stdout, "fetched %s (%s) into %s, %d already cached\n", count(res.Fetched, "image"), byteSize(res.Bytes), dir, res.Cached)
	}
	return nil
}

// parseSize reads a size in bytes: a number with an optional unit, B,
// KB/MB/GB (powers of 1000) or KiB/MiB/GiB (powers of 1024), case
// ignored.
func parseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	num := strings.TrimRight(t, "abcdefghijklmnopqrstuvwxyz ")
	unit := strings.TrimSpace(t[len(num):])
	mult, ok := map[string]int64{"": 1, "b": 1, "k": 1000, "kb": 1000, "m": 1000 * 1000, "mb": 1000 * 1000, "g": 1000 * 1000 * 1000, "gb": 1000 * 1000 * 1000,
		"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30}[unit]
	if !ok {
		return 0, fmt.Errorf("unknown unit %q in %q", unit, s)
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || n <= 0 || n*float64(mult) > 1<<50 {
		return 0, fmt.Errorf("%q is not a size", s)
	}
	return int64(n * float64(mult)), nil
}

// byteSize prints n bytes for a reader: "820 B", "1.4 MB".
func byteSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
}
