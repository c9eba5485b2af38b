package diag

import (
	"errors"
	"strings"
)

// Severities of a Record.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// Record is one diagnostic as data, for machines: `edition check --format
// json` prints a list of them and `edition serve` shows them. Line and
// Column are 1-based; 0 means unknown (the whole file, or the whole line).
type Record struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// Records lists the problems of a run: the errors in err (one per problem
// of a joined error, in its order), then the warnings. The result is never
// nil, so it encodes as a JSON array.
func Records(err error, ws []Warning) []Record {
	out := []Record{}
	out = appendErrors(out, err)
	for _, w := range ws {
		out = append(out, Record{Path: w.Path, Line: w.Line, Column: w.Column, Severity: SeverityWarning, Message: w.Msg})
	}
	return out
}

func appendErrors(out []Record, err error) []Record {
	if err == nil {
		return out
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			out = appendErrors(out, e)
		}
		return out
	}
	var pe *Error
	if !errors.As(err, &pe) || pe.Path == "" {
		return append(out, Record{Severity: SeverityError, Message: err.Error()})
	}
	// A positioned error may be wrapped ("pdf: a.md:3: ..."): keep the
	// words around it and drop only its position.
	pos := (&Error{Path: pe.Path, Line: pe.Line, Column: pe.Column, Err: errors.New("")}).Error()
	msg := strings.Replace(err.Error(), pos, "", 1)
	return append(out, Record{Path: pe.Path, Line: pe.Line, Column: pe.Column, Severity: SeverityError, Message: msg})
}
