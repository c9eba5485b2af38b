// Package text sets paragraphs into lines: styled pieces of text become
// Knuth–Plass boxes, glue and penalties (package linebreak), hyphenated by
// TeX's patterns (internal/hyph), measured in the fonts of a fonts.Set with
// a fallback face for the runes they lack, and set as positioned runs.
// It holds the lengths, faces and runs that package layout places on pages;
// it knows nothing of pages, columns or notes, and never imports layout.
package text
