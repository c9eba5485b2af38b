package main

import (
	"bytes"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersionOf: the version names the module version and, when the go
// command stamped them, the VCS revision, its time and a modified tree.
func TestVersionOf(t *testing.T) {
	stamped := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	for _, c := range []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"installed", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"},
			Settings: stamped("GOOS", "linux", "GOARCH", "arm64")}, true, "v1.2.3 go1.26.0 linux/arm64"},
		{"checkout", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.0.0-20261206235550-f672888a1b2c+dirty"},
			Settings: stamped("GOOS", "darwin", "GOARCH", "amd64", "vcs", "git", "vcs.revision", "f672888a1b2c3d4e", "vcs.time", "2026-12-06T23:55:50Z", "vcs.modified", "true")}, true,
			"v0.0.0-20261206235550-f672888a1b2c+dirty (git f672888a1b2c3d4e, 2026-12-06T23:55:50Z, modified) go1.26.0 darwin/amd64"},
		{"clean checkout", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"},
			Settings: stamped("GOOS", "linux", "GOARCH", "amd64", "vcs", "git", "vcs.revision", "abc", "vcs.modified", "false")}, true,
			"(devel) (git abc) go1.26.0 linux/amd64"},
		{"no build information", nil, false, "(unknown) " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH},
	} {
		if got := versionOf(c.info, c.ok); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// TestVersionCommand: `edition version` and `edition --version` print the
// same line.
func TestVersionCommand(t *testing.T) {
	var a, b, errs bytes.Buffer
	if code := run([]string{"version"}, &a, &errs); code != 0 {
		t.Fatalf("version: exit %d: %s", code, errs.String())
	}
	if code := run([]string{"--version"}, &b, &errs); code != 0 {
		t.Fatalf("--version: exit %d: %s", code, errs.String())
	}
	if a.String() != b.String() || !strings.HasPrefix(a.String(), "edition ") || !strings.Contains(a.String(), runtime.GOOS+"/"+runtime.GOARCH) {
		t.Errorf("version %q, --version %q", a.String(), b.String())
	}
}
