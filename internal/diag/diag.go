// Package diag holds positioned diagnostics: errors and warnings that name
// the file and line they come from, printed as "path:line: message".
package diag

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Error is a problem at a position in an input file. Line and Column are
// 1-based; a Line of 0 means the whole file, a Column of 0 the whole line
// (Column counts bytes, as Go's and gcc's messages do).
type Error struct {
	Path   string
	Line   int
	Column int
	Err    error
}

func (e *Error) Error() string {
	msg := "<nil>"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	switch {
	case e.Path == "":
		return msg
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, msg)
	default:
		return fmt.Sprintf("%s: %s", e.Path, msg)
	}
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error at path:line with a formatted message.
func Errorf(path string, line int, format string, args ...any) error {
	return &Error{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
}

// Warning is a problem that does not stop the build unless it is strict,
// at a position as in Error.
type Warning struct {
	Path   string
	Line   int
	Column int // 1-based; 0 when only the line is known
	Msg    string
}

func (w Warning) String() string {
	return (&Error{Path: w.Path, Line: w.Line, Column: w.Column, Err: errors.New(w.Msg)}).Error()
}

// Log collects warnings from concurrent stages. The zero value is ready to
// use; a nil *Log drops everything.
type Log struct {
	mu       sync.Mutex
	warnings []Warning
}

// Warnf records a warning at path:line.
func (l *Log) Warnf(path string, line int, format string, args ...any) {
	if l == nil {
		return
	}
	l.mu.Lock()
	l.warnings = append(l.warnings, Warning{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)})
	l.mu.Unlock()
}

// WarnCol records a warning at path:line:column, for problems a line
// may hold several of (citation keys).
func (l *Log) WarnCol(path string, line, col int, format string, args ...any) {
	if l == nil {
		return
	}
	l.mu.Lock()
	l.warnings = append(l.warnings, Warning{Path: path, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)})
	l.mu.Unlock()
}

// Warnings returns the warnings in a stable order: by path, line, then
// message, so that output is the same however work was scheduled.
func (l *Log) Warnings() []Warning {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	out := append([]Warning(nil), l.warnings...)
	l.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Msg < b.Msg
	})
	return dedupe(out)
}

func dedupe(ws []Warning) []Warning {
	out := ws[:0]
	for i, w := range ws {
		if i > 0 && w == ws[i-1] {
			continue
		}
		out = append(out, w)
	}
	return out
}

// Lines maps byte offsets of a file to 1-based line numbers.
type Lines struct {
	starts []int // offset of the first byte of each line
	base   int   // line number of offset 0, minus one
}

// NewLines indexes src. base is the number of lines that precede src in
// its file (e.g. the front matter), so offsets in a post body map to lines
// of the whole file.
func NewLines(src []byte, base int) *Lines {
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return &Lines{starts: starts, base: base}
}

// Line returns the 1-based line number of offset.
func (l *Lines) Line(offset int) int {
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset })
	return l.base + i
}

// Join combines errors like errors.Join but sorts positioned errors by
// path, line and column so a run reports them in a stable order.
func Join(errs ...error) error {
	var list []error
	for _, e := range errs {
		if e != nil {
			list = append(list, e)
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		var a, b *Error
		if !errors.As(list[i], &a) || !errors.As(list[j], &b) {
			return false
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return errors.Join(list...)
}

// Messages splits err into one line per problem, for printing.
func Messages(err error) []string {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []string
		for _, e := range j.Unwrap() {
			out = append(out, Messages(e)...)
		}
		return out
	}
	return strings.Split(err.Error(), "\n")
}

// Column returns the 1-based byte column of offset on its line.
func (l *Lines) Column(offset int) int {
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset })
	if i == 0 {
		return offset + 1
	}
	return offset - l.starts[i-1] + 1
}
