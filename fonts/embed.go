package fonts

import _ "embed"

// The default faces: Liberation 2.1.4 from github.com/go-fonts/liberation
// v0.3.3, SIL Open Font License 1.1 (see README.md and LICENSE-OFL.txt).
var (
	//go:embed LiberationSerif-Regular.ttf
	serifRegular []byte
	//go:embed LiberationSerif-Italic.ttf
	serifItalic []byte
	//go:embed LiberationSerif-Bold.ttf
	serifBold []byte
	//go:embed LiberationSerif-BoldItalic.ttf
	serifBoldItalic []byte
	//go:embed LiberationSans-Bold.ttf
	sansBold []byte
	//go:embed LiberationMono-Regular.ttf
	monoRegular []byte
)

// The fallback faces: DejaVu Sans 2.37 from github.com/go-fonts/dejavu
// v0.3.2, Bitstream Vera and Arev licences (see README.md and
// LICENSE-DejaVu.txt).
var (
	//go:embed DejaVuSans.ttf
	fallbackRegular []byte
	//go:embed DejaVuSans-Bold.ttf
	fallbackBold []byte
)

// The math face: STIX Two Math 2.13 b171, SIL Open Font License 1.1 (see
// README.md, LICENSE-OFL-STIXTwoMath.txt and AUTHORS-STIXTwoMath.txt). It is
// parsed only when an edition sets math (Math), since reading its 6,760
// glyphs costs time no edition without math should pay.
//
//go:embed STIXTwoMath-Regular.ttf
var mathRegular []byte
