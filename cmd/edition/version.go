package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// buildVersion names the build for a bug report, from the build
// information the go command records in the binary (runtime/debug): the
// main module's version, as go install stamps it or "(devel)" for a
// build in a checkout, and the VCS revision, its time and whether the
// tree was modified, as go build stamps them in a checkout; then the Go
// version and platform, as `go version` prints them.
func buildVersion() string { return versionOf(debug.ReadBuildInfo()) }

// versionOf is buildVersion for the build information info (ok false
// when the binary has none).
func versionOf(info *debug.BuildInfo, ok bool) string {
	goVersion := runtime.Version()
	if !ok || info == nil {
		return fmt.Sprintf("(unknown) %s %s/%s", goVersion, runtime.GOOS, runtime.GOARCH)
	}
	if info.GoVersion != "" {
		goVersion = info.GoVersion
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var vcs []string
	setting := map[string]string{}
	for _, s := range info.Settings {
		setting[s.Key] = s.Value
	}
	if r := setting["vcs.revision"]; r != "" {
		vcs = append(vcs, setting["vcs"]+" "+r)
	}
	if t := setting["vcs.time"]; t != "" {
		vcs = append(vcs, t)
	}
	if setting["vcs.modified"] == "true" {
		vcs = append(vcs, "modified")
	}
	if len(vcs) > 0 {
		v += " (" + strings.Join(vcs, ", ") + ")"
	}
	goos, goarch := setting["GOOS"], setting["GOARCH"]
	if goos == "" || goarch == "" {
		goos, goarch = runtime.GOOS, runtime.GOARCH
	}
	return fmt.Sprintf("%s %s %s/%s", v, goVersion, goos, goarch)
}

// versionCmd prints what `edition --version` prints.
func versionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and VCS revision of this build",
		Args:  maxArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(stdout, "edition %s\n", buildVersion())
			return err
		},
	}
}
