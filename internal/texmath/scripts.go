package texmath

// attachScript reads the script after ^ or _ and attaches it to the
// last atom of list (an empty nucleus when there is none, as TeX does
// for {}^2).
func (p *parser) attachScript(list []Node, t token) []Node {
	arg := p.parseArg()
	if p.err != nil {
		return list
	}
	s, list := scriptsOf(list, t.off)
	if t.kind == tSup {
		if s.HasSup && !s.primed {
			p.fail(t.off, "double superscript")
			return list
		}
		s.Sup = append(s.Sup, arg...)
		s.HasSup, s.primed = true, false
	} else {
		if s.HasSub {
			p.fail(t.off, "double subscript")
			return list
		}
		s.Sub, s.HasSub = arg, true
	}
	return append(list, s.finish())
}

// attachPrimes reads a run of ' and attaches it as a superscript of
// primes: f” is f^{\prime\prime}, and a superscript after them joins
// them (f'^2 is f^{\prime 2}).
func (p *parser) attachPrimes(list []Node) []Node {
	t := p.peek()
	n := 0
	for k := p.peek(); k.kind == tChar && (k.text == "'" || k.text == "′"); k = p.peek() {
		p.next()
		n++
	}
	s, list := scriptsOf(list, t.off)
	if s.HasSup && !s.primed {
		p.fail(t.off, "double superscript")
		return list
	}
	s.Sup = append(s.Sup, &Symbol{At: At{t.off}, Class: Ord, Kind: Operator, Text: primes(n)})
	s.HasSup, s.primed = true, true
	return append(list, s.finish())
}

// primes writes n primes with the fewest characters: ′ ″ ‴ ⁗.
func primes(n int) string {
	out := ""
	for ; n >= 4; n -= 4 {
		out += "⁗"
	}
	return out + [...]string{"", "′", "″", "‴"}[n]
}

// building is a Scripts being filled, with whether its superscript so
// far holds only primes (to which a ^ may add).
type building struct {
	*Scripts
	primed bool
}

func (b building) finish() Node { return b.Scripts }

// scriptsOf takes the last node of list as a nucleus, or reuses it when
// it already is a Scripts, and returns the list without it.
func scriptsOf(list []Node, off int) (building, []Node) {
	if len(list) == 0 {
		return building{Scripts: &Scripts{At: At{off}}}, list
	}
	last := list[len(list)-1]
	rest := list[:len(list)-1]
	if s, ok := last.(*Scripts); ok {
		primed := s.HasSup && onlyPrimes(s.Sup)
		return building{Scripts: s, primed: primed}, rest
	}
	return building{Scripts: &Scripts{At: At{last.Pos()}, Nucleus: last}}, rest
}

func onlyPrimes(ns []Node) bool {
	for _, n := range ns {
		s, ok := n.(*Symbol)
		if !ok || (s.Text != "′" && s.Text != "″" && s.Text != "‴" && s.Text != "⁗") {
			return false
		}
	}
	return len(ns) > 0
}

// setLimits applies \limits, \nolimits or \displaylimits to the large
// operator that ends list (TeX allows it only there).
func setLimits(list []Node, t token) []Node {
	if len(list) == 0 {
		return list
	}
	var op *OpName
	switch n := list[len(list)-1].(type) {
	case *OpName:
		op = n
	case *Scripts:
		op, _ = n.Nucleus.(*OpName)
	}
	if op == nil {
		return list
	}
	switch t.text {
	case "limits":
		op.Limits = AlwaysLimits
	case "nolimits":
		op.Limits = NoLimits
	default:
		op.Limits = StyleLimits
	}
	return list
}

// isInfix reports the generalised fraction commands written between
// their numerator and denominator.
func isInfix(name string) bool {
	switch name {
	case "over", "atop", "choose", "brace", "brack", "above":
		return true
	}
	return false
}

// parseInfix makes a fraction of num (read so far) and the rest of the
// group: {a \over b}.
func (p *parser) parseInfix(num []Node, s stop) []Node {
	t := p.next()
	f := &Frac{At: At{t.off}, Num: num}
	switch t.text {
	case "atop":
		f.NoRule = true
	case "choose":
		f.NoRule, f.Open, f.Close = true, "(", ")"
	case "brace":
		f.NoRule, f.Open, f.Close = true, "{", "}"
	case "brack":
		f.NoRule, f.Open, f.Close = true, "[", "]"
	case "above":
		p.dimension() // the rule's thickness: drawn at the default
	}
	f.Den = p.parseList(s)
	return []Node{f}
}
