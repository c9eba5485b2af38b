package otmath

import "strings"

// readPost returns the glyph names of a post table of format 2.0, by glyph
// id; nil for the formats that carry no names (3.0, as in most subsets) or
// only the standard ones (1.0, which this reader does not need).
func readPost(post []byte, numGlyphs int) ([]string, error) {
	if !in(post, 0, 32) || u32(post, 0) != 0x00020000 {
		return nil, nil
	}
	n := 0
	if in(post, 32, 2) {
		n = u16(post, 32)
	}
	if n > numGlyphs || !in(post, 34, 2*n) {
		return nil, errf("post: %d glyph name indexes for %d glyphs", n, numGlyphs)
	}
	var extra []string
	for p := 34 + 2*n; p < len(post); {
		l := int(post[p])
		if !in(post, p+1, l) {
			return nil, errf("post: name %d runs past the table", len(extra))
		}
		extra = append(extra, string(post[p+1:p+1+l]))
		p += 1 + l
	}
	names := make([]string, numGlyphs)
	for g := 0; g < n; g++ {
		i := u16(post, 34+2*g)
		switch {
		case i < len(macNames):
			names[g] = macNames[i]
		case i-len(macNames) < len(extra):
			names[g] = extra[i-len(macNames)]
		default:
			return nil, errf("post: glyph %d names string %d of %d", g, i-len(macNames), len(extra))
		}
	}
	return names, nil
}

// macNames are the 258 glyph names of the standard Macintosh order, which
// post format 2.0 indexes below 258.
var macNames = strings.Fields(`.notdef .null nonmarkingreturn space exclam
quotedbl numbersign dollar percent ampersand quotesingle parenleft parenright
asterisk plus comma hyphen period slash zero one two three four five six seven
eight nine colon semicolon less equal greater question at A B C D E F G H I J K
L M N O P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum
underscore grave a b c d e f g h i j k l m n o p q r s t u v w x y z braceleft
bar braceright asciitilde Adieresis Aring Ccedilla Eacute Ntilde Odieresis
Udieresis aacute agrave acircumflex adieresis atilde aring ccedilla eacute
egrave ecircumflex edieresis iacute igrave icircumflex idieresis ntilde oacute
ograve ocircumflex odieresis otilde uacute ugrave ucircumflex udieresis dagger
degree cent sterling section bullet paragraph germandbls registered copyright
trademark acute dieresis notequal AE Oslash infinity plusminus lessequal
greaterequal yen mu partialdiff summation product pi integral ordfeminine
ordmasculine Omega ae oslash questiondown exclamdown logicalnot radical florin
approxequal Delta guillemotleft guillemotright ellipsis nonbreakingspace Agrave
Atilde Otilde OE oe endash emdash quotedblleft quotedblright quoteleft
quoteright divide lozenge ydieresis Ydieresis fraction currency guilsinglleft
guilsinglright fi fl daggerdbl periodcentered quotesinglbase quotedblbase
perthousand Acircumflex Ecircumflex Aacute Edieresis Egrave Iacute Icircumflex
Idieresis Igrave Oacute Ocircumflex apple Ograve Uacute Ucircumflex Ugrave
dotlessi circumflex tilde macron breve dotaccent ring cedilla hungarumlaut
ogonek caron Lslash lslash Scaron scaron Zcaron zcaron brokenbar Eth eth Yacute
yacute Thorn thorn minus multiply onesuperior twosuperior threesuperior onehalf
onequarter threequarters franc Gbreve gbreve Idotaccent Scedilla scedilla
Cacute cacute Ccaron ccaron dcroat`)
