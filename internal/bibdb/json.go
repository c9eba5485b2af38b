package bibdb

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/redtide/edition/internal/bib"
	"github.com/redtide/edition/internal/diag"
)

// FromJSON reads CSL-JSON: an array of items (or one item), each
// positioned at the line of its opening brace. Names may be split
// (family, given, particles, suffix) or literal; dates may be
// date-parts, raw or literal; number variables may be strings or
// numbers. A file that is not JSON is an error naming file:line.
func FromJSON(file string, data []byte) ([]*bib.Item, []Problem, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	lines := diag.NewLines(data, 0)
	r := &reader{file: file}
	start := skipBlank(data, 0)
	if start < len(data) && data[start] == '{' {
		var v any
		if err := decode(data, &v); err != nil {
			return nil, nil, jsonError(file, lines, err)
		}
		if it := r.item(lines.Line(start), v); it != nil {
			return []*bib.Item{it}, r.prob, nil
		}
		return nil, r.prob, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, jsonError(file, lines, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil, nil, diag.Errorf(file, lines.Line(start), "CSL-JSON must be an array of items, found %v", tok)
	}
	var items []*bib.Item
	for dec.More() {
		off := skipBlank(data, int(dec.InputOffset()))
		var v any
		if err := dec.Decode(&v); err != nil {
			return items, r.prob, jsonError(file, lines, err)
		}
		if it := r.item(lines.Line(off), v); it != nil {
			items = append(items, it)
		}
	}
	if _, err := dec.Token(); err != nil {
		return items, r.prob, jsonError(file, lines, err)
	}
	return items, r.prob, nil
}

func decode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}

// skipBlank returns the offset of the first byte at or after off that is
// neither white space nor a comma.
func skipBlank(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\n', '\r', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// jsonError names the line of a JSON syntax or type error.
func jsonError(file string, lines *diag.Lines, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return diag.Errorf(file, lines.Line(int(se.Offset)), "not CSL-JSON: %v", err)
	case errors.As(err, &te):
		return diag.Errorf(file, lines.Line(int(te.Offset)), "not CSL-JSON: %v", err)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &diag.Error{Path: file, Err: fmt.Errorf("not CSL-JSON: the file ends too early")}
	}
	return &diag.Error{Path: file, Err: fmt.Errorf("not CSL-JSON: %w", err)}
}
