package bibdb

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/redtide/edition/internal/bib"
	"github.com/redtide/edition/internal/diag"
)

// FromYAMLFile reads CSL-YAML as pandoc writes it: a list of items, or a
// mapping (often a "---" document) whose references: key holds that
// list. Text is read as pandoc's Markdown (*emphasis*, **strong**,
// ^sup^, ~sub~, [text]{.nocase}, [text]{.smallcaps}). Dates may be
// "2020-03-07", {year: 2020} or date-parts.
func FromYAMLFile(file string, data []byte) ([]*bib.Item, []Problem, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return nil, nil, &diag.Error{Path: file, Err: fmt.Errorf("no references: list in CSL-YAML")}
		}
		if err != nil {
			return nil, nil, &diag.Error{Path: file, Err: fmt.Errorf("not CSL-YAML: %w", err)}
		}
		if len(doc.Content) == 0 {
			continue
		}
		list := referenceList(doc.Content[0])
		if list == nil {
			return nil, nil, diag.Errorf(file, doc.Content[0].Line, "CSL-YAML must be a list of references or a mapping with references:")
		}
		items, probs := FromYAML(file, list.Line, list)
		return items, probs, nil
	}
}

// referenceList finds the sequence of items: n itself, or its
// references: value.
func referenceList(n *yaml.Node) *yaml.Node {
	switch n.Kind {
	case yaml.SequenceNode:
		return n
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "references" && n.Content[i+1].Kind == yaml.SequenceNode {
				return n.Content[i+1]
			}
		}
	}
	return nil
}

// FromYAML reads a front matter references: value as CSL-YAML. v is the
// value already decoded ([]any of map[string]any, as yaml.v3 decodes
// into any) with the line of the references: key; every item is then
// placed at that line. v may also be the *yaml.Node of the value, and
// each item is then placed at its own line.
func FromYAML(file string, line int, v any) ([]*bib.Item, []Problem) {
	r := &reader{file: file, markdown: true}
	var items []*bib.Item
	add := func(line int, v any) {
		if it := r.item(line, v); it != nil {
			items = append(items, it)
		}
	}
	switch x := v.(type) {
	case *yaml.Node:
		if x.Kind == yaml.DocumentNode && len(x.Content) > 0 {
			x = x.Content[0]
		}
		if l := referenceList(x); l != nil {
			x = l
		}
		if x.Kind != yaml.SequenceNode {
			r.problem(x.Line, "references: must be a list of references")
			return nil, r.prob
		}
		for _, n := range x.Content {
			add(n.Line, nodeValue(n, 0))
		}
	case []any:
		for _, e := range x {
			add(line, e)
		}
	case map[string]any:
		if refs, ok := x["references"]; ok {
			return FromYAML(file, line, refs)
		}
		add(line, x)
	case nil:
	default:
		r.problem(line, "references: must be a list of references, not %s", kind(v))
	}
	return items, r.prob
}

// nodeValue converts a YAML node to maps, lists and strings. Scalars stay
// the text written, so an ISBN such as 0888441088 keeps its zero and a
// date stays a date to read as CSL does.
func nodeValue(n *yaml.Node, depth int) any {
	if depth > 100 {
		return nil
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			return nodeValue(n.Content[0], depth+1)
		}
	case yaml.AliasNode:
		if n.Alias != nil {
			return nodeValue(n.Alias, depth+1)
		}
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			out = append(out, nodeValue(c, depth+1))
		}
		return out
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			out[n.Content[i].Value] = nodeValue(n.Content[i+1], depth+1)
		}
		return out
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return n.Value
	}
	return nil
}
