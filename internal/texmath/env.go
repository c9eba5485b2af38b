package texmath

import "strings"

// envSpec describes an environment of rows and columns.
type envSpec struct {
	open, close string
	align       string // column alignments, repeated for aligned environments
	aligned     bool
	style       Style
	numbered    bool
	small       bool
	colArg      bool // takes a column specification: array{lcr}, alignat{n}
}

// environments are the AMS and LaTeX environments MathJax and KaTeX
// accept. Starred names are looked up without their star where the
// star only turns numbering off.
var environments = map[string]envSpec{
	"matrix": {align: "c", style: StyleText}, "pmatrix": {"(", ")", "c", false, StyleText, false, false, false},
	"bmatrix":     {"[", "]", "c", false, StyleText, false, false, false},
	"Bmatrix":     {"{", "}", "c", false, StyleText, false, false, false},
	"vmatrix":     {"|", "|", "c", false, StyleText, false, false, false},
	"Vmatrix":     {"‖", "‖", "c", false, StyleText, false, false, false},
	"smallmatrix": {align: "c", style: StyleScript, small: true},
	"cases":       {"{", "", "ll", false, StyleText, false, false, false},
	"dcases":      {"{", "", "ll", false, StyleDisplay, false, false, false},
	"rcases":      {"", "}", "ll", false, StyleText, false, false, false},
	"aligned":     {align: "rl", aligned: true, style: StyleDisplay},
	"alignedat":   {align: "rl", aligned: true, style: StyleDisplay, colArg: true},
	"split":       {align: "rl", aligned: true, style: StyleDisplay},
	"align":       {align: "rl", aligned: true, style: StyleDisplay, numbered: true},
	"flalign":     {align: "rl", aligned: true, style: StyleDisplay, numbered: true},
	"alignat":     {align: "rl", aligned: true, style: StyleDisplay, numbered: true, colArg: true},
	"eqnarray":    {align: "rcl", style: StyleDisplay, numbered: true},
	"gather":      {align: "c", style: StyleDisplay, numbered: true},
	"gathered":    {align: "c", style: StyleDisplay},
	"multline":    {align: "c", style: StyleDisplay, numbered: true},
	"equation":    {align: "c", style: StyleDisplay, numbered: true},
	"array":       {align: "c", style: StyleText, colArg: true},
	"darray":      {align: "c", style: StyleDisplay, colArg: true},
	"subarray":    {align: "c", style: StyleScript, small: true, colArg: true},
}

// environment reads \begin{name}…\end{name}.
func (p *parser) environment(t token) Node {
	name, _ := p.rawArg()
	if p.err != nil {
		return nil
	}
	base := strings.TrimSuffix(name, "*")
	spec, ok := environments[base]
	if !ok {
		p.fail(t.off, "unknown environment %s", name)
		return nil
	}
	arr := &Array{At: At{t.off}, Env: name, Open: spec.open, Close: spec.close, Align: []byte(spec.align),
		Aligned: spec.aligned, Style: spec.style, Small: spec.small, Numbered: spec.numbered && base == name}
	if strings.HasSuffix(name, "matrix*") {
		if a, _, ok := p.optArg(); ok && a != "" {
			arr.Align = []byte(a[:1])
		}
	}
	if spec.colArg {
		src, _ := p.rawArg()
		if base == "array" || base == "darray" || base == "subarray" {
			arr.Align = columnSpec(src)
		}
	}
	p.parseRows(arr, stopAtEnd)
	p.endEnvironment(t, name)
	return arr
}

// endEnvironment reads \end{name}, which must match \begin{name}.
func (p *parser) endEnvironment(begin token, name string) {
	if p.err != nil {
		return
	}
	k := p.next()
	if k.kind != tCS || k.text != "end" {
		p.fail(begin.off, `\begin{%s} without \end{%s}`, name, name)
		return
	}
	if got, _ := p.rawArg(); got != name {
		p.fail(k.off, `\begin{%s} ended by \end{%s}`, name, got)
	}
}

// columnSpec reads an array's column letters (l, c, r); rules (| :)
// and p{…} widths are skipped.
func columnSpec(src string) []byte {
	var out []byte
	depth := 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '{':
			depth++
		case c == '}':
			depth--
		case depth == 0 && (c == 'l' || c == 'c' || c == 'r'):
			out = append(out, c)
		case depth == 0 && (c == 'p' || c == 'm' || c == 'b'):
			out = append(out, 'l')
		}
	}
	if len(out) == 0 {
		out = []byte{'c'}
	}
	return out
}

// parseRows reads the cells of arr: cells end at &, rows at \\ (with an
// optional [space] after it) or \cr. A last empty row, as a trailing \\
// leaves, is dropped. When arr already holds a row, its first cell has
// been read (a top-level line break is found after the first line).
func (p *parser) parseRows(arr *Array, s stop) {
	saved := p.row
	defer func() { p.row = saved }()
	var row *Row
	if n := len(arr.Rows); n > 0 {
		row = arr.Rows[n-1]
		arr.Rows = arr.Rows[:n-1]
	} else {
		row = &Row{}
		p.row = row
		row.Cells = append(row.Cells, p.parseList(s))
	}
	for p.err == nil {
		p.row = row
		t := p.peek()
		if t.kind == tAlign {
			p.next()
			row.Cells = append(row.Cells, p.parseList(s))
			continue
		}
		if !isRowEnd(t) {
			break
		}
		p.next()
		p.optArg()
		arr.Rows = append(arr.Rows, row)
		row = &Row{}
		p.row = row
		row.Cells = append(row.Cells, p.parseList(s))
	}
	if len(row.Cells) > 1 || len(row.Cells[0]) > 0 || row.Tag != nil {
		arr.Rows = append(arr.Rows, row)
	}
}
