package pipeline

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redtide/edition/internal/imgcache"
	"github.com/redtide/edition/internal/testenv"
)

// TestRemoteImagesFromCache: remote images written as Markdown, as HTML
// and through an include are read from the site's cache, without the
// network; the one not cached gives the post one warning, its alt text
// in the EPUB, and in print a placeholder whose URL is a link note.
func TestRemoteImagesFromCache(t *testing.T) {
	img := func(c uint8) string {
		m := image.NewRGBA(image.Rect(0, 0, 30, 20))
		for i := range m.Pix {
			m.Pix[i] = c
		}
		m.Set(0, 0, color.RGBA{R: 1, A: 255})
		return pngBytes(t, m)
	}
	a, b := img(0x40), img(0x90)
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	body := "![Chart A](https://img.example.org/a.png)\n\n" +
		"<p><img src=\"https://img.example.org/b.png\" alt=\"Chart B\"></p>\n\n" +
		"{% include figure.html src=\"//img.example.org/a.png\" caption=\"Chart A again\" %}\n\n" +
		"![Chart gone](https://img.example.org/gone.png)\n\n![Gone too](https://img.example.org/gone2.png)\n"
	dir := t.TempDir()
	idx, err := imgcache.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"p.md": postText("T", body)}
	for u, data := range map[string]string{"https://img.example.org/a.png": a, "https://img.example.org/b.png": b} {
		files[imgcache.Dir+"/"+sum(data)+".png"] = data
		idx.Put(imgcache.Entry{URL: u, File: sum(data) + ".png", SHA256: sum(data), Size: int64(len(data)), ContentType: "image/png", Fetched: time.Unix(0, 0).UTC()})
	}
	if err := idx.Save(dir); err != nil {
		t.Fatal(err)
	}
	index, err := os.ReadFile(filepath.Join(imgcache.Folder(dir), imgcache.IndexName))
	if err != nil {
		t.Fatal(err)
	}
	files[imgcache.Dir+"/"+imgcache.IndexName] = string(index)
	res, out, err := hostileBuild(t, files, "", "p.md")
	if err != nil {
		t.Fatal(err)
	}
	var remote []string
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, "remote image") {
			remote = append(remote, w.String())
		}
	}
	if len(remote) != 1 || !strings.Contains(remote[0], "p.md:11: 2 remote images, the first https://img.example.org/gone.png,") {
		t.Errorf("remote image warnings %q, want one for the post with the count", remote)
	}
	zr, err := zip.OpenReader(filepath.Join(out, "hostile-1.epub"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	images := 0
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "EPUB/images/img-") {
			images++
		}
	}
	if images != 2 {
		t.Errorf("%d images in the EPUB, want the 2 cached", images)
	}
	if text := epubText(t, out); !strings.Contains(text, "Chart gone") || !strings.Contains(text, "Gone too") {
		t.Errorf("the EPUB lacks the alt text of the images not cached")
	}
	testenv.Tool(t, "pdftotext")
	pdfText, err := exec.Command("pdftotext", filepath.Join(out, "hostile-1.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Join(strings.Fields(string(pdfText)), " ")
	for _, want := range []string{"Chart gone", "img.example.org/gone.png", "img.example.org/gone2.png"} {
		if !strings.Contains(s, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}
