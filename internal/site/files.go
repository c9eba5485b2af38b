package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// CheckRel refuses a path that could leave the folder it is relative to:
// remote, absolute, or climbing out with ../. Symlinks are checked when the
// file is read (ReadFile).
func CheckRel(p, folder string) error {
	if strings.Contains(p, "://") {
		return fmt.Errorf("remote files are not fetched; give a path inside %s", folder)
	}
	if filepath.IsAbs(p) || strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) || filepath.VolumeName(p) != "" {
		return fmt.Errorf("absolute paths are not allowed; give a path inside %s", folder)
	}
	c := path.Clean(filepath.ToSlash(p))
	if c == ".." || strings.HasPrefix(c, "../") {
		return fmt.Errorf("path leaves %s", folder)
	}
	return nil
}

// ReadFile reads the file at rel (slash-separated, relative to root),
// refusing anything whose real location, symlinks resolved, is outside
// root. A missing file is fs.ErrNotExist.
func ReadFile(root, rel string) ([]byte, error) {
	return readFile(root, rel, filepath.EvalSymlinks)
}

// Files reads files as ReadFile does, resolving the links of each root
// folder once: a build reads every post and image from one or two roots,
// and resolving a path's links costs a system call per element. It is
// meant to live for one build, during which the roots stay where they
// are. The zero value is ready to use, a nil *Files reads as ReadFile
// does, and it is safe for concurrent use.
type Files struct {
	mu    sync.Mutex
	roots map[string]resolved
}

// resolved is a root folder with its links resolved, or why it is not.
type resolved struct {
	path string
	err  error
}

// ReadFile is the package's ReadFile.
func (f *Files) ReadFile(root, rel string) ([]byte, error) {
	if f == nil {
		return ReadFile(root, rel)
	}
	return readFile(root, rel, f.realRoot)
}

func (f *Files) realRoot(root string) (string, error) {
	f.mu.Lock()
	r, ok := f.roots[root]
	f.mu.Unlock()
	if !ok {
		r.path, r.err = filepath.EvalSymlinks(root)
		f.mu.Lock()
		if f.roots == nil {
			f.roots = map[string]resolved{}
		}
		f.roots[root] = r
		f.mu.Unlock()
	}
	return r.path, r.err
}

// readFile is ReadFile with resolve resolving the root's links.
func readFile(root, rel string, resolve func(string) (string, error)) ([]byte, error) {
	if err := CheckRel(rel, "the folder"); err != nil {
		return nil, err
	}
	realRoot, err := resolve(root)
	if err != nil {
		return nil, unwrap(err)
	}
	full := filepath.Join(root, filepath.FromSlash(rel))
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fs.ErrNotExist
		}
		return nil, unwrap(err)
	}
	r, err := filepath.Rel(realRoot, real)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("%s is a link to a file outside %s", rel, root)
	}
	fi, err := os.Stat(real)
	if err != nil {
		return nil, unwrap(err)
	}
	if fi.IsDir() {
		return nil, fs.ErrNotExist
	}
	data, err := os.ReadFile(real)
	if err != nil {
		return nil, unwrap(err)
	}
	return data, nil
}

func readInside(root, rel string) ([]byte, error) { return ReadFile(root, rel) }

// isDir reports whether rel is a folder inside the root. Every image
// named by its file alone is looked for in a dozen folders, so answers
// are kept: a Site is read for one build, during which its folders stay.
func (s *Site) isDir(rel string) bool {
	if CheckRel(rel, "") != nil {
		return false
	}
	s.dirMu.Lock()
	is, ok := s.dirs[rel]
	s.dirMu.Unlock()
	if ok {
		return is
	}
	fi, err := os.Stat(filepath.Join(s.Root, filepath.FromSlash(rel)))
	is = err == nil && fi.IsDir()
	s.dirMu.Lock()
	if s.dirs == nil {
		s.dirs = map[string]bool{}
	}
	s.dirs[rel] = is
	s.dirMu.Unlock()
	return is
}
