// Package layout computes the print edition: every glyph run, rule, image
// and link of every page, in fixed-point Lengths. It knows nothing of PDF;
// package pdf paints the Document it returns.
//
// Paragraphs are set by package layout/text: Knuth–Plass boxes, glue and
// penalties (Knuth & Plass, "Breaking Paragraphs into Lines", 1981) with
// Liang hyphenation (package hyph), justified by total fit with a looser
// second pass and an emergency-stretch third, and set ragged right only
// when all fail. Layout turns the model's blocks into styled pieces for
// it, and its lines flow into columns with TeX's page-builder rules: no
// widows or orphans, headings kept with what follows, footnotes at the
// foot of the column of their first reference, split when long (The
// TeXbook, ch. 15).
// Pages are made up as a newspaper's (page_makeup.go): a front page with
// the lead article and the contents, articles running on under headlines
// across or within the columns, floats at the head or foot of columns as
// LaTeX places them, balanced columns, jump lines.
//
// Articles are independent until they are paginated, so Layout sets them
// into lines on Config.Workers goroutines and paginates them in order on
// its own; paragraphs are numbered and warnings given in article order,
// so the Document is the same whatever the number of workers.
package layout
