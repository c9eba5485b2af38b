package texmath

import (
	"strings"
	"sync"
)

// symbol is what a control sequence or character stands for in math.
type symbol struct {
	text  string
	class Class
	kind  Kind
}

// symbolData lists the control sequences that stand for one character,
// as "name char class" triples, class one of o (Ord, identifier), n
// (Ord, operator element: symbols that are not letters, such as ∞ is not,
// but ′ and ∅ are identifiers too), b (Bin), r (Rel), O (Open), C
// (Close), p (Punct). Names and characters follow unicode-math's
// table (unicode-math-table.tex) and the AMS symbol lists.
const symbolData = `
alpha α o beta β o gamma γ o delta δ o epsilon ϵ o varepsilon ε o zeta ζ o
eta η o theta θ o vartheta ϑ o iota ι o kappa κ o varkappa ϰ o lambda λ o
mu μ o nu ν o xi ξ o omicron ο o pi π o varpi ϖ o rho ρ o varrho ϱ o
sigma σ o varsigma ς o tau τ o upsilon υ o phi ϕ o varphi φ o chi χ o
psi ψ o omega ω o digamma ϝ o
Gamma Γ o Delta Δ o Theta Θ o Lambda Λ o Xi Ξ o Pi Π o Sigma Σ o
Upsilon Υ o Phi Φ o Psi Ψ o Omega Ω o
varGamma 𝛤 o varDelta 𝛥 o varTheta 𝛩 o varLambda 𝛬 o varXi 𝛯 o varPi 𝛱 o
varSigma 𝛴 o varUpsilon 𝛶 o varPhi 𝛷 o varPsi 𝛹 o varOmega 𝛺 o
aleph ℵ o beth ℶ o gimel ℷ o daleth ℸ o hbar ℏ o hslash ℏ o ell ℓ o wp ℘ o
Re ℜ o Im ℑ o partial ∂ o infty ∞ o nabla ∇ o emptyset ∅ o varnothing ∅ o
forall ∀ o exists ∃ o nexists ∄ o neg ¬ o lnot ¬ o top ⊤ o bot ⊥ o
angle ∠ o measuredangle ∡ o sphericalangle ∢ o triangle △ o
triangledown ▽ o square □ o Box □ o blacksquare ■ o lozenge ◊ o
blacklozenge ⧫ o bigstar ★ o diamondsuit ♢ o heartsuit ♡ o clubsuit ♣ o
spadesuit ♠ o flat ♭ o natural ♮ o sharp ♯ o prime ′ o backprime ‵ o
complement ∁ o eth ð o imath ı o jmath ȷ o Finv Ⅎ o Game ⅁ o mho ℧ o
surd √ o checkmark ✓ o dagger † o ddagger ‡ o S § o P ¶ o copyright © o
pounds £ o yen ¥ o degree ° o maltese ✠ o minuso ⦵ o circledR ® o circledS Ⓢ o
ldots … n dots … n cdots ⋯ n vdots ⋮ n ddots ⋱ n iddots ⋰ n
dotsc … n dotsb ⋯ n dotsm ⋯ n dotsi ⋯ n dotso … n
colon : p ldotp . p cdotp · p
pm ± b mp ∓ b times × b div ÷ b cdot ⋅ b ast ∗ b star ⋆ b circ ∘ b
bullet ∙ b cap ∩ b cup ∪ b uplus ⊎ b sqcap ⊓ b sqcup ⊔ b vee ∨ b lor ∨ b
wedge ∧ b land ∧ b setminus ∖ b smallsetminus ∖ b wr ≀ b diamond ⋄ b
bigtriangleup △ b bigtriangledown ▽ b triangleleft ◁ b triangleright ▷ b
lhd ⊲ b rhd ⊳ b unlhd ⊴ b unrhd ⊵ b oplus ⊕ b ominus ⊖ b otimes ⊗ b
oslash ⊘ b odot ⊙ b bigcirc ◯ b amalg ⨿ b dotplus ∔ b ltimes ⋉ b
rtimes ⋊ b leftthreetimes ⋋ b rightthreetimes ⋌ b curlywedge ⋏ b
curlyvee ⋎ b boxplus ⊞ b boxminus ⊟ b boxtimes ⊠ b boxdot ⊡ b
circleddash ⊝ b circledast ⊛ b circledcirc ⊚ b centerdot ⋅ b
intercal ⊺ b barwedge ⌅ b veebar ⊻ b doublebarwedge ⩞ b Cap ⋒ b Cup ⋓ b
divideontimes ⋇ b gtrdot ⋗ b lessdot ⋖ b
leq ≤ r le ≤ r geq ≥ r ge ≥ r neq ≠ r ne ≠ r equiv ≡ r sim ∼ r simeq ≃ r
approx ≈ r cong ≅ r propto ∝ r prec ≺ r succ ≻ r preceq ⪯ r succeq ⪰ r
ll ≪ r gg ≫ r lll ⋘ r ggg ⋙ r subset ⊂ r supset ⊃ r subseteq ⊆ r
supseteq ⊇ r sqsubset ⊏ r sqsupset ⊐ r sqsubseteq ⊑ r sqsupseteq ⊒ r
in ∈ r ni ∋ r owns ∋ r notin ∉ r vdash ⊢ r dashv ⊣ r models ⊨ r
vDash ⊨ r Vdash ⊩ r Vvdash ⊪ r mid ∣ r nmid ∤ r parallel ∥ r
nparallel ∦ r perp ⟂ r smile ⌣ r frown ⌢ r asymp ≍ r bowtie ⋈ r
Join ⋈ r doteq ≐ r doteqdot ≑ r Doteq ≑ r neqq ≨ r leqq ≦ r geqq ≧ r
leqslant ⩽ r geqslant ⩾ r lesssim ≲ r gtrsim ≳ r lessapprox ⪅ r
gtrapprox ⪆ r lessgtr ≶ r gtrless ≷ r lesseqgtr ⋚ r gtreqless ⋛ r
nless ≮ r ngtr ≯ r nleq ≰ r ngeq ≱ r lneq ⪇ r gneq ⪈ r lneqq ≨ r
gneqq ≩ r nsim ≁ r ncong ≇ r nsubseteq ⊈ r nsupseteq ⊉ r subsetneq ⊊ r
supsetneq ⊋ r subseteqq ⫅ r supseteqq ⫆ r Subset ⋐ r Supset ⋑ r
approxeq ≊ r thicksim ∼ r thickapprox ≈ r backsim ∽ r backsimeq ⋍ r
triangleq ≜ r eqcirc ≖ r circeq ≗ r bumpeq ≏ r Bumpeq ≎ r
fallingdotseq ≒ r risingdotseq ≓ r coloneqq ≔ r eqqcolon ≕ r
coloneq ≔ r Coloneqq ⩴ r vartriangleleft ⊲ r vartriangleright ⊳ r
trianglelefteq ⊴ r trianglerighteq ⊵ r ntriangleleft ⋪ r
ntriangleright ⋫ r shortmid ∣ r shortparallel ∥ r between ≬ r
pitchfork ⋔ r therefore ∴ r because ∵ r propto ∝ r varpropto ∝ r
precsim ≾ r succsim ≿ r preccurlyeq ≼ r succcurlyeq ≽ r
curlyeqprec ⋞ r curlyeqsucc ⋟ r nprec ⊀ r nsucc ⊁ r
leftarrow ← r gets ← r rightarrow → r to → r leftrightarrow ↔ r
Leftarrow ⇐ r Rightarrow ⇒ r Leftrightarrow ⇔ r longleftarrow ⟵ r
longrightarrow ⟶ r longleftrightarrow ⟷ r Longleftarrow ⟸ r
Longrightarrow ⟹ r Longleftrightarrow ⟺ r implies ⟹ r impliedby ⟸ r
iff ⟺ r mapsto ↦ r longmapsto ⟼ r hookleftarrow ↩ r hookrightarrow ↪ r
uparrow ↑ r downarrow ↓ r updownarrow ↕ r Uparrow ⇑ r Downarrow ⇓ r
Updownarrow ⇕ r nearrow ↗ r searrow ↘ r swarrow ↙ r nwarrow ↖ r
leftharpoonup ↼ r leftharpoondown ↽ r rightharpoonup ⇀ r
rightharpoondown ⇁ r rightleftharpoons ⇌ r leftrightharpoons ⇋ r
upharpoonleft ↿ r upharpoonright ↾ r downharpoonleft ⇃ r
downharpoonright ⇂ r leadsto ⇝ r rightsquigarrow ⇝ r
leftrightsquigarrow ↭ r twoheadrightarrow ↠ r twoheadleftarrow ↞ r
rightarrowtail ↣ r leftarrowtail ↢ r looparrowright ↬ r
looparrowleft ↫ r curvearrowright ↷ r curvearrowleft ↶ r
circlearrowright ↻ r circlearrowleft ↺ r Lsh ↰ r Rsh ↱ r
leftleftarrows ⇇ r rightrightarrows ⇉ r leftrightarrows ⇆ r
rightleftarrows ⇄ r upuparrows ⇈ r downdownarrows ⇊ r
nleftarrow ↚ r nrightarrow ↛ r nLeftarrow ⇍ r nRightarrow ⇏ r
nleftrightarrow ↮ r nLeftrightarrow ⇎ r Lleftarrow ⇚ r Rrightarrow ⇛ r
multimap ⊸ r
lbrace { O rbrace } C lbrack [ O rbrack ] C langle ⟨ O rangle ⟩ C
lceil ⌈ O rceil ⌉ C lfloor ⌊ O rfloor ⌋ C lgroup ⟮ O rgroup ⟯ C
lmoustache ⎰ O rmoustache ⎱ C llbracket ⟦ O rrbracket ⟧ C
ulcorner ⌜ O urcorner ⌝ C llcorner ⌞ O lrcorner ⌟ C
lvert | O rvert | C lVert ‖ O rVert ‖ C vert | o Vert ‖ o
backslash \ o
`

// bigOpData lists large operators: name and character.
const bigOpData = `
sum ∑ prod ∏ coprod ∐ int ∫ iint ∬ iiint ∭ iiiint ⨌ oint ∮ oiint ∯
oiiint ∰ bigcup ⋃ bigcap ⋂ bigvee ⋁ bigwedge ⋀ bigoplus ⨁ bigotimes ⨂
bigodot ⨀ biguplus ⨄ bigsqcup ⨆ intop ∫ smallint ∫
`

// namedOps are the operator names set upright, with whether they take
// limits in display style (\lim does, \sin does not).
const namedOpData = `
arccos arcsin arctan arg cos cosh cot coth csc deg dim exp hom ker lg ln
log sec sin sinh tan tanh sgn erf
det* gcd* inf* lim* liminf* limsup* max* min* Pr* sup* injlim* projlim*
`

var (
	tablesOnce sync.Once
	symbols    map[string]symbol
	bigOps     map[string]string
	namedOps   map[string]Limits
	// runeSymbols: the symbols by their character, for characters
	// typed directly; the first name listed for a character wins.
	runeSymbols map[rune]symbol
	// bigOpRunes: large operators typed as themselves (∑).
	bigOpRunes map[rune]Limits
)

// opLimits: integrals take their limits as scripts; other large
// operators above and below in display style.
func opLimits(sym string) Limits {
	if strings.Contains("∫∬∭⨌∮∯∰", sym) {
		return NoLimits
	}
	return StyleLimits
}

func loadTables() {
	symbols = map[string]symbol{}
	runeSymbols = map[rune]symbol{}
	f := strings.Fields(symbolData)
	for i := 0; i+2 < len(f); i += 3 {
		s := makeSymbol(f[i+1], f[i+2][0])
		symbols[f[i]] = s
		if r := []rune(s.text); len(r) == 1 && r[0] > 0x7F {
			if _, ok := runeSymbols[r[0]]; !ok {
				runeSymbols[r[0]] = s
			}
		}
	}
	bigOps = map[string]string{}
	bigOpRunes = map[rune]Limits{}
	f = strings.Fields(bigOpData)
	for i := 0; i+1 < len(f); i += 2 {
		bigOps[f[i]] = f[i+1]
		bigOpRunes[[]rune(f[i+1])[0]] = opLimits(f[i+1])
	}
	namedOps = map[string]Limits{}
	for _, n := range strings.Fields(namedOpData) {
		if name, ok := strings.CutSuffix(n, "*"); ok {
			namedOps[name] = StyleLimits
		} else {
			namedOps[n] = NoLimits
		}
	}
}

func makeSymbol(text string, c byte) symbol {
	switch c {
	case 'b':
		return symbol{text, Bin, Operator}
	case 'r':
		return symbol{text, Rel, Operator}
	case 'O':
		return symbol{text, Open, Operator}
	case 'C':
		return symbol{text, Close, Operator}
	case 'p':
		return symbol{text, Punct, Operator}
	case 'n':
		return symbol{text, Inner, Operator}
	}
	return symbol{text, Ord, Ident}
}

// charClass is the class of a character typed as itself in math mode
// (TeX's \mathcode; plain TeX and LaTeX's assignments).
func charClass(r rune) (Class, Kind) {
	switch {
	case r >= '0' && r <= '9' || r == '.':
		return Ord, Number
	case strings.ContainsRune("+-*±∓×÷⋅∘∙∪∩∧∨⊕⊗", r):
		return Bin, Operator
	case strings.ContainsRune("=<>≤≥≠≈≡∼≃≅∈∉⊂⊃⊆⊇→←↔⇒⇐⇔:", r):
		return Rel, Operator
	case strings.ContainsRune("([{⟨⌈⌊", r):
		return Open, Operator
	case strings.ContainsRune(")]}⟩⌉⌋", r):
		return Close, Operator
	case strings.ContainsRune(",;", r):
		return Punct, Operator
	case strings.ContainsRune("!?|/'′@\"", r):
		return Ord, Operator
	}
	return Ord, Ident
}
