package site

import (
	"errors"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxNodes bounds the values one YAML document expands to, aliases
// included (a "billion laughs" file must not exhaust memory).
const maxNodes = 200000

var errTooLarge = errors.New("document expands to too many values")

// value converts a YAML node to plain Go values (map[string]any, []any,
// strings, numbers, booleans, nil). Unlike yaml.v3's decoder it accepts a
// key given twice, keeping the last, as Ruby's YAML (and so Jekyll)
// does: real sites' configurations repeat keys.
func value(n *yaml.Node) (any, error) {
	budget := maxNodes
	return nodeValue(n, &budget, 0)
}

func nodeValue(n *yaml.Node, budget *int, depth int) (any, error) {
	*budget--
	if *budget < 0 || depth > 100 {
		return nil, errTooLarge
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return nodeValue(n.Content[0], budget, depth+1)
	case yaml.AliasNode:
		return nodeValue(n.Alias, budget, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := nodeValue(c, budget, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			val, err := nodeValue(v, budget, depth+1)
			if err != nil {
				return nil, err
			}
			if k.Tag == "!!merge" || k.Value == "<<" && k.Kind == yaml.ScalarNode && k.Style == 0 {
				mergeInto(out, val)
				continue
			}
			key, err := nodeValue(k, budget, depth+1)
			if err != nil {
				return nil, err
			}
			out[Stringify(key)] = val
		}
		return out, nil
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return strings.TrimSpace(n.Value), nil
	}
	return v, nil
}

// mergeInto applies a YAML merge key (<<: *defaults): keys already set win.
func mergeInto(dst map[string]any, src any) {
	switch x := src.(type) {
	case map[string]any:
		for k, v := range x {
			if _, ok := dst[k]; !ok {
				dst[k] = v
			}
		}
	case []any:
		for _, e := range x {
			mergeInto(dst, e)
		}
	}
}
