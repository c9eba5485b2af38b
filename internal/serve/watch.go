package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watcher reports changes under a folder until it is closed.
type watcher interface{ Close() error }

// watch watches every folder under root, except those ignored, and calls
// changed after any change to a file that is not ignored. Every input of
// a build is inside root (the manifest's folder: the manifest refuses paths
// that leave it), so this covers the manifest, its posts, their images and
// fonts, and new posts. It uses the operating system's notifications and
// falls back to polling every interval where they are unavailable (or too
// few: each folder takes one inotify watch), or when poll is set. mode
// says which.
func watch(root string, ignored func(string) bool, poll bool, interval time.Duration, changed func()) (w watcher, mode string) {
	if !poll {
		nw, err := notifyWatch(root, ignored, changed)
		if err == nil {
			return nw, "file notifications"
		}
	}
	return pollWatch(root, ignored, interval, changed), "polling every " + interval.String()
}

// ignored reports whether a change to path cannot change the edition:
// the output folder (the build writes there), hidden files and folders
// (version control, the build's own temporary files), editors' swap,
// backup and lock files, and folders of generated files.
func (s *Server) ignored(path string) bool {
	if within(path, s.out) && !within(s.root, s.out) {
		return true // a folder of its own
	}
	base := filepath.Base(path)
	if filepath.Dir(path) == s.out {
		// the outputs, in a folder shared with inputs ("-o .")
		switch strings.ToLower(filepath.Ext(base)) {
		case ".pdf", ".epub":
			return true
		}
	}
	if path == s.root {
		return false
	}
	switch {
	case strings.HasPrefix(base, "."), strings.HasPrefix(base, "#"), strings.HasPrefix(base, "~$"),
		strings.HasSuffix(base, "~"), base == "4913", // vim probes a folder with a file named 4913
		base == "node_modules", base == "_site":
		return true
	}
	switch strings.ToLower(filepath.Ext(base)) {
	case ".swp", ".swo", ".swx", ".tmp", ".part", ".crdownload", ".bak":
		return true
	}
	return false
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir+string(filepath.Separator))
}

// notifier watches with fsnotify, one watch per folder.
type notifier struct {
	w       *fsnotify.Watcher
	ignored func(string) bool
	changed func()
	done    chan struct{}
}

func notifyWatch(root string, ignored func(string) bool, changed func()) (*notifier, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	n := &notifier{w: fw, ignored: ignored, changed: changed, done: make(chan struct{})}
	if err := n.addTree(root); err != nil {
		fw.Close()
		return nil, err
	}
	go n.run()
	return n, nil
}

// addTree watches dir and every folder below it that is not ignored.
func (n *notifier) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // a folder that vanished or cannot be read
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && n.ignored(p) {
			return filepath.SkipDir
		}
		return n.w.Add(p)
	})
}

func (n *notifier) run() {
	defer close(n.done)
	for {
		select {
		case ev, ok := <-n.w.Events:
			if !ok {
				return
			}
			if n.ignored(ev.Name) || ev.Op == fsnotify.Chmod {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					_ = n.addTree(ev.Name) // a new folder of posts or images
				}
			}
			n.changed()
		case _, ok := <-n.w.Errors:
			if !ok {
				return
			}
			// events were lost (the queue overflowed): rebuild to be sure
			n.changed()
		}
	}
}

func (n *notifier) Close() error {
	err := n.w.Close()
	<-n.done
	return err
}

// poller looks at every file under root every interval and reports a
// change when any file's size or modification time differs, or a file
// comes or goes.
type poller struct {
	stop chan struct{}
	wg   sync.WaitGroup
}

type stamp struct {
	size int64
	mod  time.Time
}

func pollWatch(root string, ignored func(string) bool, interval time.Duration, changed func()) *poller {
	p := &poller{stop: make(chan struct{})}
	last := scan(root, ignored)
	p.wg.Go(func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				now := scan(root, ignored)
				if !sameStamps(last, now) {
					changed()
				}
				last = now
			}
		}
	})
	return p
}

func scan(root string, ignored func(string) bool) map[string]stamp {
	out := map[string]stamp{}
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != root && ignored(p) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err == nil {
			out[p] = stamp{info.Size(), info.ModTime()}
		}
		return nil
	})
	return out
}

func sameStamps(a, b map[string]stamp) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !w.mod.Equal(v.mod) || w.size != v.size {
			return false
		}
	}
	return true
}

func (p *poller) Close() error {
	close(p.stop)
	p.wg.Wait()
	return nil
}
