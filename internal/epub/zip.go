package epub

import (
	"archive/zip"
	"compress/flate"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
)

// writeZip writes files as an EPUB container: mimetype first and stored,
// then every file in name order, with fixed times.
func writeZip(w io.Writer, files map[string][]byte, mod time.Time) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if names[i] == "mimetype" || names[j] == "mimetype" {
			return names[i] == "mimetype"
		}
		return names[i] < names[j]
	})
	mod = mod.UTC()
	if mod.Year() < 1980 {
		mod = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, fastDeflate)
	for _, n := range names {
		// MS-DOS time fields only: Modified would add an extra field,
		// which EPUB forbids on the mimetype entry.
		h := &zip.FileHeader{Name: n, Method: zip.Deflate, ModifiedDate: dosDate(mod), ModifiedTime: dosTime(mod)}
		if n == "mimetype" || strings.HasPrefix(n, contentDir+imageDir) {
			h.Method = zip.Store // JPEG, PNG and GIF are compressed already
		}
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("epub: %w", err)
		}
		if _, err := fw.Write(files[n]); err != nil {
			return fmt.Errorf("epub: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("epub: %w", err)
	}
	return nil
}

func dosDate(t time.Time) uint16 {
	return uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
}

func dosTime(t time.Time) uint16 {
	return uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
}

var flatePool sync.Pool

// fastDeflate compresses entries at the fastest level (markup compresses
// well even so), reusing compressors: each holds about a megabyte.
func fastDeflate(out io.Writer) (io.WriteCloser, error) {
	if fw, ok := flatePool.Get().(*flate.Writer); ok {
		fw.Reset(out)
		return pooledFlate{fw}, nil
	}
	fw, err := flate.NewWriter(out, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	return pooledFlate{fw}, nil
}

type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	flatePool.Put(p.Writer)
	return err
}
