package bibtex

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// accents maps TeX's accent commands to Unicode combining marks.
var accents = map[string]rune{
	`'`: '\u0301', "`": '\u0300', "^": '\u0302', `"`: '\u0308', "~": '\u0303',
	"=": '\u0304', ".": '\u0307', "u": '\u0306', "v": '\u030c', "H": '\u030b',
	"c": '\u0327', "d": '\u0323', "b": '\u0331', "k": '\u0328', "r": '\u030a',
	"t": '\u0361',
}

// symbols maps commands without arguments to their text, in and out of
// math.
var symbols = map[string]string{
	"ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
	"aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
	"th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
	"&": "&", "%": "%", "$": "$", "_": "_", "#": "#", "{": "{", "}": "}",
	" ": " ", ",": "\u202f", ";": " ", "-": "", "/": "", "@": "", "\\": " ",
	"textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
	"S": "§", "P": "¶", "copyright": "©", "textcopyright": "©", "textregistered": "®",
	"texttrademark": "™", "pounds": "£", "textsterling": "£", "euro": "€", "texteuro": "€",
	"textasciitilde": "~", "textasciicircum": "^", "textbackslash": `\`, "textbar": "|",
	"textless": "<", "textgreater": ">", "textdegree": "°", "textperiodcentered": "·",
	"textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
	"guillemotleft": "«", "guillemotright": "»", "guillemetleft": "«", "guillemetright": "»",
	"guilsinglleft": "‹", "guilsinglright": "›", "quotedblbase": "„", "quotesinglbase": "‚",
	"textexclamdown": "¡", "textquestiondown": "¿", "textordfeminine": "ª", "textordmasculine": "º",
	"textunderscore": "_", "textdollar": "$", "textbullet": "•", "textdagger": "†",
	"quad": " ", "qquad": " ", "space": " ", "enspace": " ", "thinspace": "\u202f", "slash": "/",
	"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "LaTeXe": "LaTeX2ε", "XeTeX": "XeTeX",
	"relax": "", "protect": "", "par": " ", "newline": " ", "break": " ", "linebreak": " ",
	"hyphen": "-", "nobreakdash": "", "allowbreak": "", "textmu": "µ",
	"textquotesingle": "'", "textquotedbl": "\"", "textasciigrave": "`", "textasciiacute": "´",
	"textperthousand": "‰", "textnumero": "№", "textsection": "§", "textparagraph": "¶",
	"textdaggerdbl": "‡", "texttimes": "×", "textdiv": "÷", "textpm": "±", "textonehalf": "½",
	"textonequarter": "¼", "textthreequarters": "¾", "textminus": "−", "textcelsius": "℃",
	"textohm": "Ω", "textcent": "¢", "textyen": "¥", "textbrokenbar": "¦", "textlbrackdbl": "⟦",
	"textrbrackdbl": "⟧", "textlangle": "⟨", "textrangle": "⟩", "textvisiblespace": "␣",
	"textalpha": "α", "textbeta": "β", "textgamma": "γ", "textdelta": "δ", "textepsilon": "ε",
	"textlambda": "λ", "textpi": "π", "textsigma": "σ", "textomega": "ω", "textOmega": "Ω",
	"textkappa": "κ", "texttheta": "θ", "textphi": "φ", "textchi": "χ", "textpsi": "ψ",
	"nobreakspace": "\u00a0", "textnbsp": "\u00a0", "ast": "∗", "star": "⋆",
	"cdotp": "·", "lbrace": "{", "rbrace": "}", "vert": "|", "backslash": "\\", "dag": "†", "ddag": "‡",
	"checkmark": "✓", "textasteriskcentered": "∗", "aleph": "ℵ", "hbar": "ℏ", "nabla": "∇",
	"forall": "∀", "exists": "∃", "emptyset": "∅", "cup": "∪", "cap": "∩", "subset": "⊂",
	"supset": "⊃", "subseteq": "⊆", "supseteq": "⊇", "notin": "∉", "equiv": "≡", "propto": "∝",
	"ll": "≪", "gg": "≫", "leftrightarrow": "↔", "Rightarrow": "⇒", "Leftarrow": "⇐",
	"Leftrightarrow": "⇔", "mapsto": "↦", "uparrow": "↑", "downarrow": "↓", "wedge": "∧",
	"vee": "∨", "neg": "¬", "oplus": "⊕", "otimes": "⊗", "perp": "⊥", "angle": "∠",
	"bullet": "•", "varrho": "ϱ", "varsigma": "ς", "varpi": "ϖ",
	// math
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
	"zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
	"lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
	"tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
	"Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	"times": "×", "pm": "±", "mp": "∓", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥",
	"neq": "≠", "ne": "≠", "infty": "∞", "cdot": "·", "sim": "∼", "approx": "≈",
	"to": "→", "rightarrow": "→", "leftarrow": "←", "prime": "′", "partial": "∂",
	"sum": "∑", "prod": "∏", "int": "∫", "in": "∈", "ell": "ℓ", "circ": "∘", "deg": "°",
	"cdots": "⋯", "log": "log", "ln": "ln", "exp": "exp", "sin": "sin", "cos": "cos", "max": "max", "min": "min",
}

// wrappers are commands whose one argument is set in a style.
var wrappers = map[string][2]string{
	"textit": {"<i>", "</i>"}, "emph": {"<i>", "</i>"}, "textsl": {"<i>", "</i>"},
	"mkbibemph": {"<i>", "</i>"}, "mkbibitalic": {"<i>", "</i>"}, "mathit": {"<i>", "</i>"},
	"textbf": {"<b>", "</b>"}, "mkbibbold": {"<b>", "</b>"}, "mathbf": {"<b>", "</b>"}, "bm": {"<b>", "</b>"},
	"textsc":          {openSmallCaps, "</span>"},
	"textsuperscript": {"<sup>", "</sup>"}, "mkbibsuperscript": {"<sup>", "</sup>"},
	"textsubscript": {"<sub>", "</sub>"}, "mkbibsubscript": {"<sub>", "</sub>"},
	"enquote": {"“", "”"}, "mkbibquote": {"“", "”"},
	"textup": {}, "textnormal": {}, "textrm": {}, "textsf": {}, "texttt": {}, "textmd": {},
	"mbox": {}, "hbox": {}, "text": {}, "mathrm": {}, "mathsf": {}, "mathtt": {},
	"operatorname": {}, "bibstring": {}, "ensuremath": {}, "mathcal": {}, "mathbb": {},
	"uppercase": {}, "lowercase": {}, "MakeUppercase": {}, "MakeLowercase": {},
	"textenglish": {}, "textgerman": {}, "textfrench": {},
	"sqrt": {"√", ""}, "url": {}, "nolinkurl": {}, "path": {}, "doi": {},
	"NoCaseChange": {openNocase, "</span>"}, "nocase": {openNocase, "</span>"},
}

// switches are declarations that set the rest of their group in a style.
var switches = map[string][2]string{
	"em": {"<i>", "</i>"}, "it": {"<i>", "</i>"}, "itshape": {"<i>", "</i>"},
	"sl": {"<i>", "</i>"}, "slshape": {"<i>", "</i>"},
	"bf": {"<b>", "</b>"}, "bfseries": {"<b>", "</b>"},
	"sc": {openSmallCaps, "</span>"}, "scshape": {openSmallCaps, "</span>"},
	"rm": {}, "normalfont": {}, "upshape": {}, "tt": {}, "sf": {}, "ttfamily": {},
	"small": {}, "footnotesize": {}, "scriptsize": {}, "large": {}, "Large": {}, "normalsize": {},
}

// dropped are commands whose argument TeX does not print in the text
// (\noopsort{key} only sorts).
var dropped = map[string]bool{"noopsort": true, "sortname": true, "index": true, "label": true, "hyphenation": true}

// command converts the control sequence at s[i] and returns where
// conversion goes on.
func (c *texConv) command(s string, i int, protected, math bool, b *strings.Builder) int {
	j := i + 1
	for j < len(s) && isLetter(s[j]) {
		j++
	}
	if j == i+1 {
		if j >= len(s) {
			return j
		}
		_, size := utf8.DecodeRuneInString(s[j:])
		j += size
	}
	name := s[i+1 : j]
	if isLetter(name[0]) {
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
			j++
		}
	}
	if mark, ok := accents[name]; ok && !math {
		arg, next := readArg(s, j)
		var base strings.Builder
		c.accentDepth++
		c.conv(arg, true, math, &base)
		c.accentDepth--
		b.WriteString(withAccent(base.String(), mark, c.accentDepth == 0))
		return next
	}
	if w, ok := wrappers[name]; ok {
		arg, next := readArg(s, j)
		b.WriteString(w[0])
		if name == "url" || name == "nolinkurl" || name == "path" || name == "doi" {
			b.WriteString(rawText(arg))
		} else {
			c.conv(arg, protected || w[0] == openNocase, math, b)
		}
		b.WriteString(w[1])
		return next
	}
	if sw, ok := switches[name]; ok {
		b.WriteString(sw[0])
		c.conv(s[j:], protected, math, b)
		b.WriteString(sw[1])
		return len(s)
	}
	if sym, ok := symbols[name]; ok {
		b.WriteString(sym)
		return j
	}
	return c.special(name, s, j, protected, math, b)
}

// special handles commands with two arguments (\href{url}{text},
// \textcolor{red}{text}: the second is the text), dropped arguments and
// unknown commands, which keep their argument's text.
func (c *texConv) special(name, s string, j int, protected, math bool, b *strings.Builder) int {
	switch {
	case name == "href" || name == "textcolor" || name == "colorbox" || name == "foreignlanguage" || name == "hyperlink":
		_, next := readArg(s, j)
		text, next := readArg(s, next)
		c.conv(text, protected, math, b)
		return next
	case name == "frac":
		num, next := readArg(s, j)
		den, next := readArg(s, next)
		c.conv(num, true, true, b)
		b.WriteString("/")
		c.conv(den, true, true, b)
		return next
	case dropped[name]:
		_, next := readArg(s, j)
		return next
	}
	c.unknown = append(c.unknown, `\`+name)
	if j < len(s) && s[j] == '{' {
		arg, next := readArg(s, j)
		c.conv(arg, protected, math, b)
		return next
	}
	return j
}

// withAccent puts mark on the first letter of base; a dotless i or j
// under an accent is the plain letter (\'{\i} is í). With compose, an
// ASCII letter and its mark become the letter NFC makes of them: the
// value's NFC is the same (the two are canonically equivalent), and is
// then found without a copy. An accent inside another's argument is
// not composed: the outer one goes on the first rune of what the inner
// one gives, as it always did.
func withAccent(base string, mark rune, compose bool) string {
	if base == "" {
		return string(mark)
	}
	r, size := utf8.DecodeRuneInString(base)
	switch r {
	case 'ı':
		r = 'i'
	case 'ȷ':
		r = 'j'
	}
	if compose && r < utf8.RuneSelf {
		if one, ok := accented()[[2]rune{r, mark}]; ok {
			return string(one) + base[size:]
		}
	}
	return string(r) + string(mark) + base[size:]
}

// accented maps an ASCII letter and an accent's mark to the one letter
// NFC makes of them, where there is one (no other ASCII character
// composes with these marks); made at the first accent.
var accented = sync.OnceValue(func() map[[2]rune]rune {
	m := map[[2]rune]rune{}
	for _, mark := range accents {
		for r := rune('A'); r <= 'z'; r++ {
			if !isLetter(byte(r)) {
				continue
			}
			if one := []rune(norm.NFC.String(string(r) + string(mark))); len(one) == 1 {
				m[[2]rune{r, mark}] = one[0]
			}
		}
	}
	return m
})

// rawText is the text of a URL-like argument: braces dropped, TeX's
// escaped characters unescaped, nothing else converted.
func rawText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '{', '}':
		case '\\':
			if i+1 < len(s) && strings.IndexByte(`_%&#$~{}/`, s[i+1]) >= 0 {
				i++
				b.WriteByte(s[i])
			} else {
				b.WriteByte(c)
			}
		default:
			b.WriteByte(c)
		}
	}
	return strings.TrimSpace(b.String())
}
