package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/redtide/edition/internal/mdout"
	"github.com/redtide/edition/internal/pipeline"
)

func prepareCmd(stdout, stderr io.Writer) *cobra.Command {
	var out string
	var strict, quiet bool
	cmd := &cobra.Command{
		Use:   "prepare [MANIFEST]",
		Short: "Write the edition as one pandoc Markdown file, as edition reads the posts",
		Long: `Write the issue described by MANIFEST (default ` + defaultManifest + `) as one
pandoc Markdown file, DIR/<publication-slug>-<number>.md, with its images in
DIR/images/: the text edition typesets, after reading the posts (Liquid
rendered, includes and shortcodes made figures, citations resolved), each
article a chapter, footnote labels unique in the file ([^3-12] is note 12 of
the third article). For giving other tools (pandoc, Typst, LaTeX) the same
text, as bench/compare.sh does.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ed, _, ws, err := pipeline.Load(pipeline.Options{Manifest: manifestArg(args), Strict: strict})
			if !quiet || err != nil {
				printWarnings(stderr, ws)
			}
			if err != nil {
				return failed("prepare", err, len(ws))
			}
			var md bytes.Buffer
			imgs, err := mdout.Write(&md, ed, mdout.Options{ImageDir: "images"})
			if err != nil {
				return err
			}
			name := pipeline.Slug(ed.Publication)
			if ed.Number > 0 {
				name += "-" + strconv.Itoa(ed.Number)
			}
			file := filepath.Join(out, name+".md")
			if len(imgs) > 0 {
				if err := os.MkdirAll(filepath.Join(out, "images"), 0o755); err != nil {
					return err
				}
			}
			for _, img := range imgs {
				if err := os.WriteFile(filepath.Join(out, "images", img.Name), img.Data, 0o644); err != nil {
					return err
				}
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(file, md.Bytes(), 0o644); err != nil {
				return err
			}
			if !quiet {
				fmt.Fprintf(stdout, "wrote %s and %d image(s)\n", file, len(imgs))
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "output", "folder to write the Markdown file and its images/ into")
	cmd.Flags().BoolVar(&strict, "strict", false, "treat warnings as errors")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only errors")
	return cmd
}
