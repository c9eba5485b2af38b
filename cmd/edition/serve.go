package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/redtide/edition/internal/diag"
	"github.com/redtide/edition/internal/pipeline"
	"github.com/redtide/edition/internal/serve"
)

// defaultPort is the preview's port unless --port says otherwise; when it
// is taken, a free port is used instead.
const defaultPort = 8000

func serveCmd(stdout, stderr io.Writer) *cobra.Command {
	var out, host, editor string
	var port int
	var open, poll bool
	cmd := &cobra.Command{
		Use:   "serve [MANIFEST]",
		Short: "Preview the edition in a browser, rebuilding on every change",
		Long: `Build the edition (default ` + defaultManifest + `) into the output folder as
build does, then watch the manifest's folder (the manifest, its posts, their
images and fonts) and rebuild whenever a file changes. A local web page shows
the print pages drawn from the layout, the EPUB's chapters in a phone-sized
frame and the warnings and errors of the last build; it reloads itself after
every build and keeps its place. After a failed build the last good pages stay,
with the errors above them. Stop with Ctrl-C.

The page listens on 127.0.0.1 only; --host exposes it to other machines.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			m := manifestArg(args)
			epoch, err := pipeline.Epoch(os.Getenv)
			if err != nil {
				return usageError{err}
			}
			if port < 0 || port > 65535 {
				return usageError{fmt.Errorf("--port %d: want 0 to 65535", port)}
			}
			if !cmd.Flags().Changed("port") && !portFree(host, port) {
				port = 0
			}
			if !serve.IsLoopback(host) {
				fmt.Fprintf(stderr, "edition: warning: serving on %s: anyone who can reach this machine can read the edition\n", host)
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			opt := serve.Options{Manifest: m, OutDir: out, Host: host, Port: port, Epoch: epoch,
				Poll: poll, Editor: editor, Log: stdout}
			if open {
				opt.Ready = func(url string) { openBrowser(url, stderr) }
			}
			return serve.Run(ctx, opt)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "output", "folder to write the edition into")
	cmd.Flags().IntVar(&port, "port", defaultPort, "port to listen on (0: any free port)")
	cmd.Flags().StringVar(&host, "host", "127.0.0.1", "address to listen on; anything but loopback exposes the preview to other machines")
	cmd.Flags().BoolVar(&open, "open", false, "open the preview in the default browser")
	cmd.Flags().BoolVar(&poll, "poll", false, "look for changes every 300ms instead of relying on file notifications (network drives)")
	cmd.Flags().StringVar(&editor, "editor", "", "URL that clicking a line opens, with {path} and {line}: vscode://file/{path}:{line}")
	return cmd
}

// portFree reports whether port can be listened on.
func portFree(host string, port int) bool {
	ln, err := net.Listen("tcp", net.JoinHostPort(host, fmt.Sprint(port)))
	if err != nil {
		return false
	}
	ln.Close()
	return true
}

// openBrowser opens url with the desktop's opener; failing, it says so.
func openBrowser(url string, stderr io.Writer) {
	var c *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		c = exec.Command("open", url)
	case "windows":
		c = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		c = exec.Command("xdg-open", url)
	}
	if err := c.Start(); err != nil {
		fmt.Fprintf(stderr, "edition: cannot open a browser (%v); open %s\n", err, url)
		return
	}
	go c.Wait()
}

// errReported fails a command whose problems were already written out
// (as JSON): exit status 1 without printing them again.
var errReported = errors.New("problems reported")

// writeCheckJSON prints the problems of a check as a JSON array of
// {path, line, column, severity, message}, errors first.
func writeCheckJSON(w io.Writer, err error, ws []diag.Warning) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if e := enc.Encode(diag.Records(err, ws)); e != nil {
		return e
	}
	if err != nil {
		return errReported
	}
	return nil
}
