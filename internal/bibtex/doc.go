// Package bibtex reads BibTeX and BibLaTeX databases into bib.Items, the
// CSL data model, mapping entry types and fields as pandoc's BibTeX reader
// (Text.Pandoc.Citeproc.BibTeX) does.
//
// # Why a parser of our own
//
// The Go parsers that exist were judged on the six .bib files of
// ../shared/citations (genderkit, m-pilia, andrewheiss, the Ed starter
// kit, the JOSS paper and pandoc's biblio.bib: 267 entries):
//
//   - github.com/nickng/bibtex v1.4.0 (goyacc grammar): 1 file of 6 read
//     whole, 20 entries of 267. Two files (m-pilia, which opens with
//     Jekyll front matter, and andrewheiss, which opens with BibDesk's %%
//     lines) come back with 0 entries and no error; three fail outright
//     ("unexpected @ sign" inside a URL, "syntax error" on a
//     blank-line-separated file). No entry or field positions, no
//     LaTeX-to-Unicode conversion, no name splitting.
//   - github.com/jschaf/bibtex: every tag (v0.1.0 to v1.0.0) and commit
//     tried is refused by the module proxy, so it cannot be a dependency
//     and could not be run. Read from its source: its parser is modelled
//     on go/parser and splits names, but the entries it returns (Entry,
//     ASTEntry) carry no position, one error fails the whole Read, its
//     README lists @string macros and crossref as not done, and text
//     between entries is a parse error ("expected entry"), so front
//     matter or HTML comments would fail m-pilia's file.
//
// Neither does the job, so this package is written from BibTeX's own
// rules (text outside @-commands is ignored; braces balance; "#" joins
// parts; macros are case-insensitive) and pandoc's mapping. It reads all
// 267 entries of those files (186 in genderkit, whose key
// wierckx2014clinical is defined twice), converts every LaTeX accent in
// them, and gives each item its line.
//
// # Choices
//
//   - A syntax error loses only its entry: reading resumes at the next
//     line that starts with "@", and a value whose closing brace or quote
//     is missing stops at a line that opens a new entry. Parse returns
//     the items it read together with an error naming file:line.
//   - Forgiving where real files need it, each time with a problem: a
//     missing comma between fields, %-comment lines inside an entry, a
//     file that is not UTF-8 (read as Latin-1).
//   - A key defined twice keeps the later entry (pandoc's rule: citeproc
//     keeps the last item with an id), with a problem naming both lines.
//     ParseAll returns every entry, for jekyll-scholar's rule (the first
//     wins; bibtex-ruby renames the later one), which bibdb offers.
//   - Titles keep their case. pandoc turns English titles into sentence
//     case before CSL styles see them; that lowercases proper nouns that
//     are not braced ("Bayesian"), so it is left out: styles that
//     title-case (Chicago) print the same either way.
//   - Brace groups that protect case become <span class="nocase">, except
//     a group that starts with a command ({\"o}, {\em …}), which BibTeX
//     treats as one letter.
//   - Literal lists (publisher, location) read "A and B and C" as
//     biblatex prints it, "A, B and C", not as pandoc's "A; B; C", which
//     splits an unbraced "Taylor and Francis".
//   - "and others" sets Item.EtAl for that name variable; CSL-JSON has no
//     field for it.
//   - @misc becomes the CSL type "document"; an entry type BibTeX and
//     BibLaTeX do not define does too, with a problem.
//   - Scan reads a file without converting its entries, for databases of
//     thousands of works of which a post cites a few: each Entry is
//     converted at its first Item call (once, safe for concurrent use),
//     and the problems of converting it are reported then. Scan itself
//     reports the file's syntax, macros, crossrefs and unknown types.
package bibtex
