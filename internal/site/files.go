package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
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
	if err := CheckRel(rel, "the folder"); err != nil {
		return nil, err
	}
	realRoot, err := filepath.EvalSymlinks(root)
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
