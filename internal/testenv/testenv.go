// Package testenv finds what the tests need outside the Go code: the
// repository's root, the shared corpora beside it and external tools.
//
// Locally a missing corpus or tool skips the test; with CI=true it fails
// it, so CI can never pass by skipping the checks it exists to run.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// InCI reports whether missing tools and corpora must fail the tests
// rather than skip them.
func InCI() bool { return os.Getenv("CI") == "true" }

// missing skips t, or fails it in CI.
func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if InCI() {
		t.Fatalf(format+" (required with CI=true)", args...)
	}
	t.Skipf(format, args...)
}

// RepoRoot is the folder holding go.mod, found by walking up from the
// test's working directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if fileExists(filepath.Join(dir, "go.mod")) {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test's working directory")
		}
		dir = up
	}
}

// SharedRoot is the folder of shared test material beside the
// repository (../shared), or "" when it is not there.
func SharedRoot(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("EDITION_SHARED"); p != "" {
		return p
	}
	p := filepath.Join(RepoRoot(t), "..", "shared")
	if st, err := os.Stat(p); err == nil && st.IsDir() {
		return p
	}
	return ""
}

// Shared returns the path of rel (e.g. "corpus",
// "lessons/programminghistorian") under ../shared. When it is missing the
// test is skipped, or fails in CI.
func Shared(t testing.TB, rel string) string {
	t.Helper()
	root := SharedRoot(t)
	if root == "" {
		missing(t, "no ../shared beside the repository")
		return ""
	}
	p := filepath.Join(root, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missing(t, "shared material %s: %v", rel, err)
	}
	return p
}

// SharedGlob returns the files under ../shared matching pattern, or nil
// when ../shared is not there; for fuzz seeds, which are optional.
func SharedGlob(t testing.TB, pattern string) []string {
	t.Helper()
	root := SharedRoot(t)
	if root == "" {
		return nil
	}
	m, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(pattern)))
	return m
}

// Tool returns the command line that runs the external tool name
// ("epubcheck", "ace", or a program on PATH such as "pdffonts"). When
// the tool is missing the test is skipped, or fails in CI.
func Tool(t testing.TB, name string) []string {
	t.Helper()
	argv, why := FindTool(name)
	if argv == nil {
		missing(t, "%s not available: %s", name, why)
	}
	return argv
}

// FindTool returns the command line of tool name, or nil and why not.
func FindTool(name string) ([]string, string) {
	switch name {
	case "epubcheck":
		// Debian's /usr/bin/epubcheck wrapper is broken on some releases;
		// the jar it wraps works with any Java.
		jars := []string{os.Getenv("EPUBCHECK_JAR"), "/usr/share/java/epubcheck.jar", "/usr/share/epubcheck/epubcheck.jar"}
		if java, err := exec.LookPath("java"); err == nil {
			for _, j := range jars {
				if j != "" && fileExists(j) {
					return []string{java, "-jar", j}, ""
				}
			}
		}
		if p, err := exec.LookPath("epubcheck"); err == nil && exec.Command(p, "--version").Run() == nil {
			return []string{p}, ""
		}
		return nil, "want java and epubcheck.jar (EPUBCHECK_JAR, /usr/share/java/epubcheck.jar) or a working epubcheck on PATH"
	case "ace":
		var ace string
		if p := os.Getenv("ACE_CLI"); p != "" {
			if !fileExists(p) {
				return nil, "ACE_CLI=" + p + " does not exist"
			}
			ace = p
		} else if p, err := exec.LookPath("ace-cli"); err == nil {
			ace = p
		} else {
			for _, p := range []string{"/opt/ace/node_modules/.bin/ace-cli", "/tmp/ace/node_modules/.bin/ace-cli"} {
				if fileExists(p) {
					ace = p
					break
				}
			}
		}
		if ace == "" {
			return nil, "no ace-cli (ACE_CLI, PATH, /opt/ace, /tmp/ace); install it with .ci/ace.sh"
		}
		if Chromium() == "" {
			return nil, "Ace needs Chromium: set PUPPETEER_EXECUTABLE_PATH or install chromium"
		}
		return []string{ace}, ""
	case "chromium":
		if p := Chromium(); p != "" {
			return []string{p}, ""
		}
		return nil, "no chromium, chromium-browser or google-chrome on PATH"
	}
	if p, err := exec.LookPath(name); err == nil {
		return []string{p}, ""
	}
	return nil, name + " is not on PATH"
}

// Chromium is the browser for Ace and rendering tests:
// PUPPETEER_EXECUTABLE_PATH, else a Chromium on PATH; "" when none.
func Chromium() string {
	if p := os.Getenv("PUPPETEER_EXECUTABLE_PATH"); p != "" && fileExists(p) {
		return p
	}
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
