package serve

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/redtide/edition/internal/diag"
)

//go:embed assets
var assets embed.FS

// contentPolicy keeps everything on the page local: no script, style,
// font, image or frame may come from another origin, and nothing is sent
// anywhere but here.
const contentPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
	"font-src 'self'; script-src 'self'; connect-src 'self'; frame-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.asset("index.html"))
	mux.HandleFunc("GET /app.js", s.asset("app.js"))
	mux.HandleFunc("GET /app.css", s.asset("app.css"))
	mux.HandleFunc("GET /state", s.serveState)
	mux.HandleFunc("GET /events", s.serveEvents)
	mux.HandleFunc("GET /fonts.css", s.serveFontCSS)
	mux.HandleFunc("GET /font/{name}", s.serveFont)
	mux.HandleFunc("GET /page/{n}", s.servePage)
	mux.HandleFunc("GET /img/{name}", s.serveImage)
	mux.HandleFunc("GET /epub/{file...}", s.serveEPUB)
	mux.HandleFunc("GET /download/{name}", s.serveDownload)
	return s.guard(mux)
}

// guard refuses, before any routing, every request that is not a plain
// GET of a plain path from this machine's page: a path with a "." or ".."
// segment, an empty segment, an encoded dot, slash, backslash or NUL, a
// backslash; and a Host header naming another machine when the server
// listens on loopback (a web page elsewhere cannot then reach it through
// DNS rebinding).
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if !s.hostAllowed(r.Host) {
			http.Error(w, "forbidden host", http.StatusForbidden)
			return
		}
		raw := r.RequestURI
		if !strings.HasPrefix(raw, "/") { // absolute form: http://host/path
			raw = r.URL.EscapedPath()
		}
		if badPath(raw, r.URL.Path) {
			http.Error(w, "bad path", http.StatusBadRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// badPath reports a request path that could name something other than
// what it seems to: raw is the request target as sent, clean the decoded
// path.
func badPath(raw, clean string) bool {
	if q := strings.IndexByte(raw, '?'); q >= 0 {
		raw = raw[:q]
	}
	low := strings.ToLower(raw)
	for _, bad := range []string{"%2e", "%2f", "%5c", "%00", "\\"} {
		if strings.Contains(low, bad) {
			return true
		}
	}
	if !strings.HasPrefix(clean, "/") || strings.ContainsAny(clean, "\\\x00") {
		return true
	}
	for _, p := range []string{raw, clean} {
		if p == "/" {
			continue
		}
		for _, seg := range strings.Split(strings.TrimPrefix(p, "/"), "/") {
			if seg == "" || seg == "." || seg == ".." {
				return true
			}
		}
	}
	return false
}

func (s *Server) hostAllowed(host string) bool {
	if !IsLoopback(s.opt.Host) {
		return true // exposed on purpose with --host
	}
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = host
	}
	return IsLoopback(strings.Trim(h, "[]"))
}

func (s *Server) asset(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		data, err := assets.ReadFile("assets/" + name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
		w.Write(data)
	}
}

func (s *Server) current() (*snapshot, status) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.view, s.state
}

// output returns the bytes of an output of the last good build.
func (s *Server) output(name string) []byte {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.files[name]
}

// downloads lists the outputs of the last good build by name.
func (s *Server) downloads() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	names := make([]string, 0, len(s.files))
	for n := range s.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// stateJSON is what /state answers: the last build and the preview.
type stateJSON struct {
	Build    int           `json:"build"` // builds finished
	Building bool          `json:"building"`
	Writing  bool          `json:"writing"` // the new pages are shown, the outputs not yet written
	OK       bool          `json:"ok"`
	At       string        `json:"at,omitempty"` // time the last build finished
	Millis   int64         `json:"ms"`
	Errors   []diag.Record `json:"errors"`
	Warnings []diag.Record `json:"warnings"`
	Cwd      string        `json:"cwd"`              // working folder, which source paths are relative to
	Editor   string        `json:"editor,omitempty"` // URL template
	Preview  *previewJSON  `json:"preview"`          // nil before the first good build
	// Downloads names the outputs of the last good build.
	Downloads []string `json:"downloads"`
}

type previewJSON struct {
	Gen    int     `json:"gen"`
	Fonts  string  `json:"fonts"` // names of the font families, which change with the files
	At     string  `json:"at"`
	Title  string  `json:"title"`
	Pages  int     `json:"pages"`
	Width  float64 `json:"width"` // trim size, points
	Height float64 `json:"height"`
	Bleed  float64 `json:"bleed"` // the sheet beyond the trim on each side: bleed and slug (layout.Sheet.Media)
	// Versions[i] is the generation that last changed page i+1: the page
	// asks only for pages whose drawing it does not have.
	Versions []int     `json:"versions"`
	Chapters []chapter `json:"chapters"`
	Start    int       `json:"start"`
	BookGen  int       `json:"bookGen"` // generation that last changed the EPUB
}

func (s *Server) serveState(w http.ResponseWriter, r *http.Request) {
	snap, st := s.current()
	out := stateJSON{
		Build: st.build, Building: st.building, Writing: st.writing, OK: st.ok, Millis: st.took.Milliseconds(),
		Errors: nonNil(st.errors), Warnings: nonNil(st.warnings), Cwd: s.cwd, Editor: s.opt.Editor,
	}
	if !st.at.IsZero() {
		out.At = st.at.Format(time.TimeOnly)
	}
	if snap != nil {
		out.Preview = &previewJSON{
			Gen: snap.gen, Fonts: strings.Join(snap.faces, " "), At: snap.at.Format(time.TimeOnly), Title: snap.title, Pages: len(snap.doc.Pages),
			Width: snap.doc.Width.Points(), Height: snap.doc.Height.Points(), Bleed: snap.doc.Sheet().Media.Points(),
			Versions: snap.versions, Chapters: snap.book.chapters, Start: snap.book.start, BookGen: snap.bookGen,
		}
	}
	out.Downloads = s.downloads()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

func nonNil(rs []diag.Record) []diag.Record {
	if rs == nil {
		return []diag.Record{}
	}
	return rs
}

// serveEvents streams a message whenever the state changes, until the
// client goes or the server stops: {"build": builds finished, "gen":
// generation of the pages}. The page then asks for /state.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	c := s.hub.subscribe()
	defer s.hub.unsubscribe(c)
	send := func() error {
		snap, st := s.current()
		gen := 0
		if snap != nil {
			gen = snap.gen
		}
		if _, err := fmt.Fprintf(w, "data: {\"build\":%d,\"gen\":%d}\n\n", st.build, gen); err != nil {
			return err
		}
		return rc.Flush()
	}
	if _, err := fmt.Fprint(w, "retry: 500\n\n"); err != nil || send() != nil {
		return
	}
	keep := time.NewTicker(20 * time.Second)
	defer keep.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.quit:
			return
		case <-c:
			if send() != nil {
				return
			}
		case <-keep.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

func (s *Server) serveFontCSS(w http.ResponseWriter, r *http.Request) {
	snap, _ := s.current()
	var b bytes.Buffer
	if snap != nil {
		for _, name := range snap.faces {
			// block: a page drawn in a stand-in font would be a
			// different page
			fmt.Fprintf(&b, "@font-face{font-family:%q;src:url(\"/font/%s.ttf\") format(\"truetype\");font-display:block}\n", name, name)
		}
	}
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Write(b.Bytes())
}

func (s *Server) serveFont(w http.ResponseWriter, r *http.Request) {
	snap, _ := s.current()
	name, ok := strings.CutSuffix(r.PathValue("name"), ".ttf")
	if snap == nil || !ok || snap.fonts[name] == nil {
		http.NotFound(w, r)
		return
	}
	// named by content: the same name is always the same file
	w.Header().Set("Cache-Control", "max-age=86400, immutable")
	w.Header().Set("Content-Type", "font/ttf")
	w.Write(snap.fonts[name].Data)
}

func (s *Server) servePage(w http.ResponseWriter, r *http.Request) {
	snap, _ := s.current()
	n, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("n"), ".svg"))
	if snap == nil || err != nil || n < 1 || n > len(snap.doc.Pages) {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("X-Edition-Gen", strconv.Itoa(snap.gen))
	w.Header().Set("X-Edition-Version", strconv.Itoa(snap.versions[n-1]))
	w.Write(snap.pages.svg[n-1])
}

func (s *Server) serveImage(w http.ResponseWriter, r *http.Request) {
	snap, _ := s.current()
	if snap == nil {
		http.NotFound(w, r)
		return
	}
	im := snap.images[r.PathValue("name")]
	if im == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", im.MediaType)
	w.Write(im.Data)
}

// serveEPUB serves a file from inside the built EPUB, by its exact name
// in the archive.
func (s *Server) serveEPUB(w http.ResponseWriter, r *http.Request) {
	snap, _ := s.current()
	name := r.PathValue("file")
	if snap == nil || snap.book.files[name] == nil || strings.HasSuffix(name, "/") {
		http.NotFound(w, r)
		return
	}
	data, err := snap.book.read(name)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", epubType(name))
	w.Write(data)
}

func epubType(name string) string {
	switch path.Ext(name) {
	case ".xhtml":
		return "application/xhtml+xml; charset=utf-8"
	case ".opf", ".ncx", ".xml":
		return "application/xml"
	case ".css":
		return "text/css; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// serveDownload serves an output of the last good build, the bytes it
// wrote, by name.
func (s *Server) serveDownload(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	data := s.output(name)
	if data == nil {
		http.NotFound(w, r)
		return
	}
	t := "application/octet-stream"
	switch path.Ext(name) {
	case ".pdf":
		t = "application/pdf"
	case ".epub":
		t = "application/epub+zip"
	}
	w.Header().Set("Content-Type", t)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	w.Write(data)
}
